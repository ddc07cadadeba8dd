// Comparing runs: the table of metrics and config differences, one overlaid chart per metric
// and split with a line per run, and the way there from the Runs panel.
#include "UiTestHelpers.h"
#include "engine/store/RunStore.h"
#include "tests/engine/store/StoreTestHelpers.h"
#include "ui/charts/ChartPanel.h"
#include "ui/charts/MetricChart.h"
#include "ui/charts/RunLegend.h"
#include "ui/compare/ComparePanel.h"
#include "ui/compare/TableText.h"
#include "ui/main/MainWindow.h"
#include "ui/runs/RunsPanel.h"
#include "ui/runs/Workspace.h"
#include "ui/trace/RunTrace.h"

#include <QApplication>
#include <QCheckBox>
#include <QContextMenuEvent>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPointer>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace tb::ui;
using tb::engine::RunStore;
using tb::test::storeForecastRun;

namespace {

/// The table's row whose vertical header reads `key` (indented as the panel shows it); -1
/// when there is none.
int rowOf(const QTableWidget& table, const QString& key) {
    for (int row = 0; row < table.rowCount(); ++row) {
        const QTableWidgetItem* header = table.verticalHeaderItem(row);
        if (header && header->text().trimmed() == key)
            return row;
    }
    return -1;
}

QString cell(const QTableWidget& table, const QString& key, int column) {
    const int row = rowOf(table, key);
    const QTableWidgetItem* item = row < 0 ? nullptr : table.item(row, column);
    return item ? item->text() : QStringLiteral("<no cell>");
}

bool isBold(const QTableWidget& table, const QString& key, int column) {
    const int row = rowOf(table, key);
    const QTableWidgetItem* item = row < 0 ? nullptr : table.item(row, column);
    return item && item->font().bold();
}

QToolButton* compareButton(RunsPanel& panel) {
    for (QToolButton* button : panel.findChildren<QToolButton*>()) {
        if (button->text() == QLatin1String("Compare"))
            return button;
    }
    return nullptr;
}

/// Right-clicks `widget` and picks `action` from the menu that opens.
void chooseFromContextMenu(QWidget* widget, const QString& action) {
    QTimer::singleShot(0, [action] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        QVERIFY(menu);
        tb::test::actionNamed(*menu, action)->trigger();
        menu->close();
    });
    QContextMenuEvent click(QContextMenuEvent::Mouse, QPoint(4, 4),
                            widget->mapToGlobal(QPoint(4, 4)));
    QApplication::sendEvent(widget, &click);
}

} // namespace

class TestComparePanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        tb::test::useTemporarySettings(m_dir);
        m_db = m_dir.filePath("runs.db");
        RunStore store = RunStore::open(m_db.toStdString());
        storeForecastRun(store, {"ETTh1", "M", 96, "dlinear", 1, 0.25, 0.5});
        storeForecastRun(store, {"ETTh1", "M", 96, "patchtst", 1, 0.375, 0.25});
        storeForecastRun(store, {"ETTh1", "M", 192, "dlinear", 2, 0.5, 0.125});
    }

    void tableListsMetricsAndDifferences() {
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(m_db, error), qPrintable(error));
        ComparePanel panel(workspace);
        panel.setShowEveryField(false);
        panel.compare({3, 1});
        const QTableWidget& table = *panel.table();

        QCOMPARE(table.columnCount(), 2);
        QCOMPARE(table.horizontalHeaderItem(0)->text(), QString("Run 3 \u00b7 dlinear-ETTh1-192"));
        QCOMPARE(cell(table, "status", 1), QString("finished"));
        QCOMPARE(cell(table, "device", 1), QString("cpu \u00b7 AMD EPYC 7763 (2 threads)"));
        QCOMPARE(cell(table, "test/mse", 0), QString("0.5"));
        QCOMPARE(cell(table, "test/mse", 1), QString("0.25"));
        QVERIFY(isBold(table, "test/mse", 1)); // the lower error
        QVERIFY(!isBold(table, "test/mse", 0));
        QVERIFY(isBold(table, "test/mae", 0));
        // Only what differs: the horizon, the seed and the name that spells them.
        QCOMPARE(cell(table, "data.pred_len", 0), QString("192"));
        QCOMPARE(cell(table, "data.pred_len", 1), QString("96"));
        QCOMPARE(cell(table, "seed", 0), QString("2"));
        QCOMPARE(rowOf(table, "model.name"), -1);
        QCOMPARE(rowOf(table, "Test F1 per class (best in bold)"), -1); // forecasters

        panel.setShowEveryField(true);
        QCOMPARE(cell(table, "model.name", 0), QString("dlinear"));
        QVERIFY(!isBold(table, "model.name", 0));
        QVERIFY(isBold(table, "data.pred_len", 0)); // differing fields stay in bold
    }

    void speedRowsCompareTheTypicalEpochs() {
        const QString db = m_dir.filePath("speed.db");
        {
            RunStore store = RunStore::open(db.toStdString());
            tb::test::TimedRun slow;
            slow.epochSeconds = {9.0, 3.0, 3.2, 3.1};
            slow.dataWait = {0.9, 0.6, 0.62, 0.64}; // the fast one was not timed
            tb::test::TimedRun fast;
            fast.epochSeconds = {4.0, 1.2, 1.25, 1.3};
            tb::test::TimedRun once;
            once.epochSeconds = {7.5};
            tb::test::storeTimedRun(store, slow);
            tb::test::storeTimedRun(store, fast);
            tb::test::storeTimedRun(store, once);
        }
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(db, error), qPrintable(error));
        ComparePanel panel(workspace);
        panel.compare({1, 2, 3});
        const QTableWidget& table = *panel.table();
        QCOMPARE(cell(table, "epoch time", 0), QString("3.1 s"));
        QCOMPARE(cell(table, "epoch time", 1), QString("1.25 s"));
        QCOMPARE(cell(table, "epoch time", 2), QString("7.5 s (its one epoch)"));
        QVERIFY(isBold(table, "epoch time", 1) && !isBold(table, "epoch time", 0));
        QCOMPARE(cell(table, "samples/s", 1), QString("5,120/s"));
        QVERIFY(isBold(table, "samples/s", 1));
        QCOMPARE(cell(table, "times the fastest", 0), QString("2.48\u00d7"));
        QCOMPARE(cell(table, "times the fastest", 1), QString("1.00\u00d7"));
        QCOMPARE(cell(table, "waiting for data", 0), QString("62%"));
        QCOMPARE(cell(table, "waiting for data", 1), QString("\u2013"));
        QVERIFY(!isBold(table, "waiting for data", 0) && !isBold(table, "waiting for data", 1));
    }

    void classifiersCompareTheirF1PerClass() {
        const QString db = m_dir.filePath("classes.db");
        {
            RunStore store = RunStore::open(db.toStdString());
            const char* confusions[] = {"x,cat,dog\ncat,5,0\ndog,0,5\n",
                                        "x,cat,dog\ncat,4,1\ndog,1,4\n"};
            for (const char* csv : confusions) {
                const auto id = tb::test::storeFinishedRun(store, "cnn", "name: cnn\n", {});
                const QString path = m_dir.filePath(QString("confusion-%1.csv").arg(id));
                QFile file(path);
                QVERIFY(file.open(QIODevice::WriteOnly) && file.write(csv) > 0);
                store.addArtifact({0, id, "confusion", path.toStdString(), 1, 1, "2026-12-07"});
            }
        }
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(db, error), qPrintable(error));
        ComparePanel panel(workspace);
        panel.compare({2, 1});
        const QTableWidget& table = *panel.table();
        const int section = rowOf(table, "Test F1 per class (best in bold)");
        QVERIFY(section > rowOf(table, "Final metrics (best in bold)"));
        QCOMPARE(rowOf(table, "cat"), section + 1);
        QCOMPARE(cell(table, "cat", 0), QString("0.8"));
        QCOMPARE(cell(table, "cat", 1), QString("1"));
        QVERIFY(isBold(table, "cat", 1) && !isBold(table, "cat", 0));
        QCOMPARE(rowOf(table, "dog"), section + 2);
    }

    void theTableCopiesAsMarkdownAndTabSeparated() {
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(m_db, error), qPrintable(error));
        ComparePanel panel(workspace);
        panel.setShowEveryField(false);
        panel.compare({3, 1});
        const QStringList markdown = tableAsMarkdown(*panel.table()).split('\n');
        QCOMPARE(markdown[0],
                 QString("|  | Run 3 \u00b7 dlinear-ETTh1-192 | Run 1 \u00b7 dlinear-ETTh1-96 |"));
        QCOMPARE(markdown[1], QString("|---|---|---|"));
        QVERIFY2(markdown.contains("| **Run** |  |  |"), qPrintable(markdown.join('\n')));
        QVERIFY2(markdown.contains("| test/mse | 0.5 | **0.25** |"),
                 qPrintable(markdown.join('\n')));
        QVERIFY2(markdown.contains("| data.pred_len | 192 | 96 |"),
                 qPrintable(markdown.join('\n')));

        const QStringList tabs = tableAsTabSeparated(*panel.table()).split('\n');
        QCOMPARE(tabs[0],
                 QString("\tRun 3 \u00b7 dlinear-ETTh1-192\tRun 1 \u00b7 dlinear-ETTh1-96"));
        QVERIFY2(tabs.contains("Run"), qPrintable(tabs.join('\n'))); // a section: its title only
        QVERIFY2(tabs.contains("test/mse\t0.5\t0.25"), qPrintable(tabs.join('\n')));
    }

    void chartsOverlayTheRunsPerSplitUnderOneLegend() {
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(m_db, error), qPrintable(error));
        ComparePanel panel(workspace);
        panel.resize(1000, 800);
        panel.show();
        panel.compare({1, 2, 3});
        ChartPanel& charts = *panel.chartPanel();
        charts.refreshNow();

        MetricChart* valLoss = charts.metricChart("loss", "val");
        QVERIFY(valLoss);
        QVERIFY(charts.metricChart("loss", "train"));
        QVERIFY(!charts.metricChart("loss")); // no chart mixes splits when runs are compared
        QVERIFY(!charts.deviceChart());
        QCOMPARE(valLoss->legendNames(),
                 (QStringList{"Run 1 \u00b7 dlinear-ETTh1-96", "Run 2 \u00b7 patchtst-ETTh1-96",
                              "Run 3 \u00b7 dlinear-ETTh1-192"}));
        QTRY_VERIFY(valLoss->plottedPointCount() >= 6); // two epochs of three runs
        // A colour per run.
        const QStringList runs = valLoss->legendNames();
        QVERIFY(valLoss->lineColor(runs[0]) != valLoss->lineColor(runs[1]));
        QVERIFY(valLoss->lineColor(runs[1]) != valLoss->lineColor(runs[2]));

        // One legend above the charts names them.
        RunLegend& legend = *charts.runLegend();
        QVERIFY(legend.isVisible());
        QCOMPARE(legend.labels(), runs);

        // Unticking a run takes its lines out of every chart; ticking it brings them back.
        MetricChart* trainLoss = charts.metricChart("loss", "train");
        const int valPoints = valLoss->plottedPointCount();
        const int trainPoints = trainLoss->plottedPointCount();
        legend.setRunShown(1, false);
        QVERIFY(!legend.isRunShown(1));
        QCOMPARE(valLoss->plottedPointCount(), valPoints * 2 / 3);
        QVERIFY(trainLoss->plottedPointCount() < trainPoints);
        legend.setRunShown(1, true);
        QCOMPARE(valLoss->plottedPointCount(), valPoints);
        QCOMPARE(trainLoss->plottedPointCount(), trainPoints);
        // One run alone, then every run again, from the entries' context menu.
        const QList<QCheckBox*> entries = legend.findChildren<QCheckBox*>();
        QCOMPARE(entries.size(), 3);
        chooseFromContextMenu(entries[2], "Show only this run");
        QCOMPARE(valLoss->plottedPointCount(), valPoints / 3);
        QVERIFY(!legend.isRunShown(0) && !legend.isRunShown(1) && legend.isRunShown(2));
        chooseFromContextMenu(entries[0], "Show every run");
        QCOMPARE(valLoss->plottedPointCount(), valPoints);

        // One run has no legend of its runs: its charts name the splits.
        panel.compare({2});
        QVERIFY(!charts.runLegend()->isVisible());
    }

    void aRunStillTrainingIsFollowedKeepingTheZoom() {
        const QString db = m_dir.filePath("live.db");
        RunStore writer = RunStore::open(db.toStdString());
        const std::int64_t live = storeForecastRun(
            writer, {"ETTh1", "M", 96, "dlinear", 3, 0.0, 0.0, tb::engine::RunStatus::Running});
        const std::int64_t done = storeForecastRun(writer, {"ETTh1", "M", 96, "patchtst", 3});
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(db, error), qPrintable(error));
        ComparePanel panel(workspace);
        panel.resize(1000, 800);
        panel.show();
        panel.compare({live, done});
        QVERIFY(panel.following());
        ChartPanel& charts = *panel.chartPanel();
        charts.refreshNow();
        const QPointer<MetricChart> trainLoss = charts.metricChart("loss", "train");
        QVERIFY(trainLoss);
        const auto liveLoss = [&] { return charts.trace()->metrics().at("train/loss").size(); };
        QCOMPARE(liveLoss(), std::size_t{2});
        trainLoss->setXRange(5.0, 15.0); // the user zooms in

        // Another program's training writes a third epoch: it shows within a tick or two.
        writer.apply({tb::engine::EpochSummary{
            live, 3, 30, 3.0, 1.0, 320.0, {{"train/loss", 0.1}, {"val/loss", 0.2}}}});
        QTRY_COMPARE_WITH_TIMEOUT(liveLoss(), std::size_t{3}, 3 * ComparePanel::kFollowIntervalMs);
        QVERIFY(trainLoss);                 // the same chart, not rebuilt ...
        QVERIFY(!trainLoss->isFollowing()); // ... still zoomed where the user put it
        QCOMPARE(cell(*panel.table(), "status", 0), QString("running"));
        charts.runLegend()->setRunShown(0, false); // the user hides the live run

        // Behind another tab it reads nothing; shown again, it catches up at once.
        panel.hide();
        writer.apply({tb::engine::EpochSummary{
            live,
            4,
            40,
            4.0,
            1.0,
            320.0,
            {{"train/loss", 0.05}, {"val/loss", 0.1}, {"val/mae", 0.3}}}});
        QTest::qWait(ComparePanel::kFollowIntervalMs + 500);
        QCOMPARE(liveLoss(), std::size_t{3});
        QVERIFY(panel.following());
        panel.show();
        QCOMPARE(liveLoss(), std::size_t{4});
        // The chart of its new metric keeps it hidden too.
        charts.refreshNow();
        QVERIFY(charts.metricChart("mae", "val"));
        QCOMPARE(charts.metricChart("mae", "val")->plottedPointCount(), 0);
        QVERIFY(charts.metricChart("loss", "val")->plottedPointCount() > 0);

        writer.apply({tb::engine::RunEnded{
            live, tb::engine::RunStatus::Finished, "", 4.0, {{"test/mse", 0.125}}}});
        panel.followLiveRuns();
        QVERIFY(!panel.following());
        QCOMPARE(cell(*panel.table(), "status", 0), QString("finished"));
        QCOMPARE(cell(*panel.table(), "test/mse", 0), QString("0.125"));
    }

    void unknownRunSaysSo() {
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(m_db, error), qPrintable(error));
        ComparePanel panel(workspace);
        panel.compare({1, 42});
        QCOMPARE(panel.table()->columnCount(), 0);
        QVERIFY(!panel.chartPanel()->trace());
        const auto* message = panel.findChild<QLabel*>("compareMessage");
        QVERIFY(message);
        QVERIFY2(message->text().contains("no run 42 in "), qPrintable(message->text()));
    }

    void openingAnotherWorkspaceClearsTheComparison() {
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(m_db, error), qPrintable(error));
        ComparePanel panel(workspace);
        panel.compare({1, 2});
        QCOMPARE(panel.table()->columnCount(), 2);
        QVERIFY2(workspace.open(m_dir.filePath("other.db"), error), qPrintable(error));
        QVERIFY(panel.runIds().isEmpty());
        QCOMPARE(panel.table()->columnCount(), 0);
    }

    void comparedFromTheRunsPanel() {
        MainWindow::Options options;
        options.databasePath = m_db;
        MainWindow window(options);
        window.show();
        QTableView* view = window.runsPanel()->view();
        QTRY_COMPARE(view->model()->rowCount(), 3);
        QToolButton* compare = compareButton(*window.runsPanel());
        QVERIFY(compare);

        view->selectRow(0);
        QVERIFY(!compare->isEnabled()); // one run is nothing to compare
        view->selectionModel()->select(view->model()->index(2, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QVERIFY(compare->isEnabled());
        // Newest first in the table: runs 3 and 1.
        QCOMPARE(window.runsPanel()->selectedRunIds(), (QList<qint64>{3, 1}));

        compare->click();
        QCOMPARE(window.comparePanel()->runIds(), (QList<qint64>{3, 1}));
        auto* tabs = qobject_cast<QTabWidget*>(window.centralWidget());
        QVERIFY(tabs);
        QCOMPARE(tabs->currentWidget(), window.comparePanel());

        window.openRun(2); // opening one run goes back to its charts
        QCOMPARE(tabs->currentWidget(), window.chartPanel());
    }

private:
    QTemporaryDir m_dir;
    QString m_db;
};

QTEST_MAIN(TestComparePanel)
#include "tst_comparepanel.moc"
