// The results panel: the workspace's forecasting grid as a table that follows the runs, and its
// CSV and LaTeX exports.
#include "UiTestHelpers.h"
#include "engine/store/RunStore.h"
#include "tests/engine/store/StoreTestHelpers.h"
#include "ui/results/ResultsPanel.h"
#include "ui/runs/Workspace.h"

#include <QApplication>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QtTest>

using namespace tb::ui;
using tb::engine::RunStatus;
using tb::engine::RunStore;
using tb::test::storeForecastRun;

namespace {

QString readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

/// Answers the next modal file dialog with `path`; closes any other modal window instead, so
/// that a test cannot hang on it.
void answerFileDialog(const QString& path) {
    auto* poll = new QTimer(qApp);
    QObject::connect(poll, &QTimer::timeout, [poll, path] {
        QWidget* modal = QApplication::activeModalWidget();
        if (modal == nullptr)
            return;
        poll->deleteLater();
        if (auto* dialog = qobject_cast<QFileDialog*>(modal)) {
            // Typed into the name field, as a user would: selectFile() is ignored while the
            // dialog is still reading its folder on another thread.
            auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
            QVERIFY(name);
            name->setText(path);
            static_cast<QDialog*>(dialog)->accept(); // public in QDialog, protected in QFileDialog
        } else {
            modal->close();
        }
    });
    poll->start(20);
}

} // namespace

class TestResultsPanel : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;

private Q_SLOTS:
    void initTestCase() {
        tb::test::useTemporarySettings(m_dir);
        m_db = m_dir.filePath("workspace.db");
        RunStore store = RunStore::open(m_db.toStdString());
        storeForecastRun(store, {"ETTh1", "M", 96, "dlinear", 1, 0.25, 0.5});
        storeForecastRun(store, {"ETTh1", "M", 96, "dlinear", 2, 0.75, 0.5});
        storeForecastRun(store, {"ETTh1", "M", 96, "patchtst", 1, 0.375, 0.25});
        storeForecastRun(store, {"ETTh1", "M", 192, "dlinear", 1, 0.4375, 0.4});
        tb::test::storeRun(store, "fashion-mnist-mlp", "cpu", 1, 5, RunStatus::Finished);
    }

    void tableShowsTheCells() {
        Workspace workspace;
        ResultsPanel panel(workspace);
        QString error;
        QVERIFY2(workspace.open(m_db, error), qPrintable(error));
        const QTableWidget* table = panel.table();
        QCOMPARE(tb::test::headerTexts(*table),
                 QStringList({"Dataset", "Horizon", "dlinear MSE", "dlinear MAE", "patchtst MSE",
                              "patchtst MAE"}));
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(tb::test::rowTexts(*table, 0),
                 QStringList({"ETTh1", "96", "0.500 \u00b1 0.354", "0.500 \u00b1 0.000", "0.375",
                              "0.250"}));
        QCOMPARE(tb::test::rowTexts(*table, 1),
                 QStringList({"ETTh1", "192", "0.438", "0.400", "\u2014", "\u2014"}));
        // PatchTST has the lower MSE at 96; alone at 192, DLinear has nothing to beat.
        QVERIFY(table->item(0, 4)->font().bold());
        QVERIFY(!table->item(0, 2)->font().bold());
        QVERIFY(!table->item(1, 2)->font().bold());
        QVERIFY2(table->item(0, 2)->toolTip().contains("(seeds 1, 2)"),
                 qPrintable(table->item(0, 2)->toolTip()));
        // A double-click opens the cell's latest run (runs 1 and 2 make the first cell).
        QSignalSpy open(&panel, &ResultsPanel::openRunRequested);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QRect cell = table->visualItemRect(table->item(0, 2));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.first().at(0).toLongLong(), qint64{2});
        QVERIFY(table->item(0, 2)->toolTip().endsWith("Double-click to open run 2."));
        QVERIFY(panel.exportCsvButton()->isEnabled());
        QVERIFY(panel.exportLatexButton()->isEnabled());
        QVERIFY(panel.messageLabel()->text().isEmpty());
    }

    void cellMenuComparesItsRuns() {
        Workspace workspace;
        ResultsPanel panel(workspace);
        QString error;
        QVERIFY2(workspace.open(m_db, error), qPrintable(error));
        QSignalSpy compare(&panel, &ResultsPanel::compareRunsRequested);
        QSignalSpy open(&panel, &ResultsPanel::openRunRequested);

        const auto menu = panel.contextMenuFor(*panel.table()->item(0, 2));
        QVERIFY(menu);
        QStringList texts;
        for (QAction* action : menu->actions())
            texts << action->text();
        QCOMPARE(texts, (QStringList{"Open run 2, the latest", "Compare its 2 runs"}));
        menu->actions().at(1)->trigger();
        QCOMPARE(compare.count(), 1);
        QCOMPARE(compare.first().at(0).value<QList<qint64>>(), (QList<qint64>{1, 2}));
        menu->actions().at(0)->trigger();
        QCOMPARE(open.count(), 1);

        // A single run has nothing to compare with; a dataset cell has no runs.
        const auto single = panel.contextMenuFor(*panel.table()->item(0, 4));
        QVERIFY(single);
        QCOMPARE(single->actions().size(), 1);
        QVERIFY(!panel.contextMenuFor(*panel.table()->item(0, 0)));
    }

    void anotherConfigGetsARowNamedInAConfigColumn() {
        const QString db = m_dir.filePath("variants.db");
        {
            RunStore store = RunStore::open(db.toStdString());
            storeForecastRun(store, {"ETTh1", "M", 96, "dlinear", 1, 0.25, 0.5});
            std::string longer = tb::test::forecastConfigYaml({"ETTh1", "M", 96, "dlinear", 2});
            longer.replace(longer.find("epochs: 2"), 9, "epochs: 10");
            tb::test::storeFinishedRun(store, "dlinear (train.epochs=10)", longer,
                                       {{"test/mse", 0.125}, {"test/mae", 0.25}});
        }
        Workspace workspace;
        ResultsPanel panel(workspace);
        QString error;
        QVERIFY2(workspace.open(db, error), qPrintable(error));
        const QTableWidget* table = panel.table();
        QCOMPARE(tb::test::headerTexts(*table),
                 QStringList({"Dataset", "Horizon", "Config", "dlinear MSE", "dlinear MAE"}));
        QCOMPARE(tb::test::rowTexts(*table, 0),
                 QStringList({"ETTh1", "96", "train.epochs=2", "0.250", "0.500"}));
        QCOMPARE(tb::test::rowTexts(*table, 1),
                 QStringList({"ETTh1", "96", "train.epochs=10", "0.125", "0.250"}));
        QCOMPARE(panel.contextMenuFor(*table->item(1, 3))->actions().at(0)->text(),
                 QStringLiteral("Open run 2, the latest"));
    }

    void anEmptyWorkspaceSaysWhatIsNeeded() {
        Workspace workspace;
        ResultsPanel panel(workspace);
        QString error;
        QVERIFY2(workspace.open(m_dir.filePath("empty.db"), error), qPrintable(error));
        QCOMPARE(panel.table()->rowCount(), 0);
        QVERIFY(!panel.exportCsvButton()->isEnabled());
        QVERIFY(!panel.exportLatexButton()->isEnabled());
        QVERIFY2(panel.messageLabel()->text().contains("dlinear-etth1-96"),
                 qPrintable(panel.messageLabel()->text()));
    }

    void manyRunsLeftOutKeepThePanelShort() {
        const QString db = m_dir.filePath("left-out.db");
        {
            RunStore store = RunStore::open(db.toStdString());
            const std::string yaml = tb::test::forecastConfigYaml({});
            for (int i = 0; i < 30; ++i)
                tb::test::storeFinishedRun(store, "stopped-" + std::to_string(i), yaml, {});
            for (int i = 0; i < 500; ++i)
                tb::test::storeFinishedRun(store, "stopped", yaml, {});
        }
        Workspace workspace;
        ResultsPanel panel(workspace);
        QString error;
        QVERIFY2(workspace.open(db, error), qPrintable(error));
        // The 500 alike share a line; of the 33 lines (what is needed, a header, 31 runs' lines)
        // 7 show, all of them in the tooltip.
        const QStringList shown = panel.messageLabel()->text().split('\n');
        QCOMPARE(shown.size(), 8);
        QCOMPARE(shown[1], QStringLiteral("Finished forecasting runs left out:"));
        QVERIFY2(shown[2].startsWith("runs 530, 529, 528 and 497 more (stopped): no test/mse"),
                 qPrintable(shown[2]));
        QCOMPARE(shown.last(), QStringLiteral("\u2026 and 26 more"));
        const QStringList all = panel.messageLabel()->toolTip().split('\n');
        QCOMPARE(all.size(), 33);
        QVERIFY2(all.last().startsWith("run 1 (stopped-0): "), qPrintable(all.last()));
        QVERIFY(panel.minimumSizeHint().height() < 600);
    }

    void followsTheWorkspaceRuns() {
        const QString copy = m_dir.filePath("follow.db");
        QVERIFY(QFile::copy(m_db, copy));
        const QString other = m_dir.filePath("from-gpu-server.db");
        {
            RunStore store = RunStore::open(other.toStdString());
            storeForecastRun(store, {"ETTh1", "M", 192, "patchtst", 1, 0.42, 0.43});
        }
        Workspace workspace;
        ResultsPanel panel(workspace);
        QString error;
        QVERIFY(workspace.open(copy, error));
        QCOMPARE(panel.table()->item(1, 4)->text(), QStringLiteral("\u2014"));

        QVERIFY2(workspace.merge(other, error), qPrintable(error));
        QCOMPARE(panel.table()->item(1, 4)->text(), QStringLiteral("0.420"));
        QVERIFY(panel.table()->item(1, 4)->font().bold());

        // A run written by another connection (the store writer) shows once the panel is shown.
        {
            RunStore writer = RunStore::open(copy.toStdString());
            storeForecastRun(writer, {"ETTh2", "M", 96, "dlinear", 1, 0.3, 0.35});
        }
        QCOMPARE(panel.table()->rowCount(), 2);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.table()->rowCount(), 3);
        QCOMPARE(panel.table()->item(2, 0)->text(), QStringLiteral("ETTh2"));
    }

    void exportWritesTheFile_data() {
        QTest::addColumn<ResultsPanel::Format>("format");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("expected");
        QTest::newRow("csv") << ResultsPanel::Format::Csv << "grid.csv"
                             << "\nETTh1,M,96,dlinear,,2,0.5,0.3535533905932738,0.5,0\n";
        QTest::newRow("latex") << ResultsPanel::Format::Latex << "grid.tex"
                               << " & \\textbf{0.375} & 0.250 \\\\\n";
    }

    void exportWritesTheFile() {
        QFETCH(ResultsPanel::Format, format);
        QFETCH(QString, fileName);
        QFETCH(QString, expected);
        Workspace workspace;
        ResultsPanel panel(workspace);
        QString error;
        QVERIFY(workspace.open(m_db, error));
        const QString path = m_dir.filePath(fileName);
        QVERIFY2(panel.exportTo(path, format, error), qPrintable(error));
        QVERIFY2(readAll(path).contains(expected), qPrintable(readAll(path)));

        QVERIFY(!panel.exportTo("/proc/nope/" + fileName, format, error));
        QVERIFY2(error.contains("/proc/nope/" + fileName), qPrintable(error));
    }

    void exportButtonAsksWhereToWrite() {
        Workspace workspace;
        ResultsPanel panel(workspace);
        QString error;
        QVERIFY(workspace.open(m_db, error));
        const QString path = m_dir.filePath("from-the-button.tex");
        answerFileDialog(path);
        panel.exportLatexButton()->click();
        QVERIFY2(readAll(path).startsWith("% Trainbench results"), qPrintable(readAll(path)));
    }
};

QTEST_MAIN(TestResultsPanel)
#include "tst_resultspanel.moc"
