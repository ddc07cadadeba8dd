// The speed panel: the workspace's cross-device speed ledger as a table that follows the runs,
// and the comparisons it opens.
#include "UiTestHelpers.h"
#include "engine/store/RunStore.h"
#include "tests/engine/store/StoreTestHelpers.h"
#include "ui/runs/Workspace.h"
#include "ui/speed/SpeedPanel.h"

#include <QLabel>
#include <QMenu>
#include <QTableWidget>
#include <QtTest>

using namespace tb::ui;
using tb::engine::RunStore;
using tb::test::storeTimedRun;
using tb::test::TimedRun;

namespace {

TimedRun timed(const std::string& name, const std::string& device,
               std::vector<double> epochSeconds) {
    TimedRun run;
    run.name = name;
    run.device = device;
    run.config = "name: " + name + "\ntrain:\n  batch_size: 64\nmodel:\n  name: " + name + "\n";
    run.epochSeconds = std::move(epochSeconds);
    return run;
}

QStringList actionTexts(const QMenu& menu) {
    QStringList texts;
    for (QAction* action : menu.actions())
        texts << action->text();
    return texts;
}

} // namespace

class TestSpeedPanel : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;

private Q_SLOTS:
    void initTestCase() {
        tb::test::useTemporarySettings(m_dir);
        m_db = m_dir.filePath("workspace.db");
        RunStore store = RunStore::open(m_db.toStdString());
        storeTimedRun(store, timed("cnn", "cpu", {30.0, 24.0}));       // run 1
        storeTimedRun(store, timed("cnn", "cpu", {31.0, 26.0}));       // run 2
        storeTimedRun(store, timed("cnn", "cuda:0", {4.0, 2.0, 2.0})); // run 3
        storeTimedRun(store, timed("mlp", "cpu", {8.0}));              // run 4
    }

    void tableShowsEachExperimentOnEachDevice() {
        Workspace workspace;
        SpeedPanel panel(workspace);
        QString error;
        QVERIFY2(workspace.open(m_db, error), qPrintable(error));
        const QTableWidget* table = panel.table();
        QCOMPARE(tb::test::headerTexts(*table), (QStringList{"Experiment", "cpu", "cuda:0"}));
        QCOMPARE(table->rowCount(), 2);
        // cnn on the CPU: epochs 24 and 26 once the first are left out, 25 s, 12.5 times 2 s.
        QCOMPARE(tb::test::rowTexts(*table, 0),
                 (QStringList{"cnn", "25 s \u00b7 256/s \u00b7 \u00d712.5", "2 s \u00b7 3,200/s"}));
        QCOMPARE(tb::test::rowTexts(*table, 1), (QStringList{"mlp", "8 s \u00b7 800/s", "\u2014"}));
        QVERIFY(table->item(0, 2)->font().bold());
        QVERIFY(!table->item(0, 1)->font().bold());
        QVERIFY(!table->item(1, 1)->font().bold()); // alone, it beats nobody
        const QString tip = table->item(0, 1)->toolTip();
        QVERIFY2(tip.contains("run(s) 1, 2") && tip.contains("12.5 times as long"),
                 qPrintable(tip));
        QVERIFY(panel.messageLabel()->text().isEmpty());
    }

    void doubleClickComparesTheExperimentOnEveryDevice() {
        Workspace workspace;
        SpeedPanel panel(workspace);
        QString error;
        QVERIFY2(workspace.open(m_db, error), qPrintable(error));
        QSignalSpy compare(&panel, &SpeedPanel::compareRunsRequested);
        QSignalSpy open(&panel, &SpeedPanel::openRunRequested);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTableWidget* table = panel.table();
        const auto doubleClick = [table](int row, int column) {
            const QRect cell = table->visualItemRect(table->item(row, column));
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
            QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        };
        doubleClick(0, 2);
        QCOMPARE(compare.count(), 1);
        QCOMPARE(compare.first().at(0).value<QList<qint64>>(), (QList<qint64>{1, 2, 3}));
        doubleClick(1, 0); // one run: nothing to compare it with
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.first().at(0).toLongLong(), qint64{4});
    }

    void cellMenuComparesOrOpensItsRuns() {
        Workspace workspace;
        SpeedPanel panel(workspace);
        QString error;
        QVERIFY2(workspace.open(m_db, error), qPrintable(error));
        QSignalSpy compare(&panel, &SpeedPanel::compareRunsRequested);
        QSignalSpy open(&panel, &SpeedPanel::openRunRequested);

        const auto cpu = panel.contextMenuFor(*panel.table()->item(0, 1));
        QVERIFY(cpu);
        QCOMPARE(actionTexts(*cpu), (QStringList{"Compare its 2 runs on this device",
                                                 "Compare the experiment's 3 runs on every "
                                                 "device"}));
        cpu->actions().at(0)->trigger();
        QCOMPARE(compare.last().at(0).value<QList<qint64>>(), (QList<qint64>{1, 2}));

        const auto gpu = panel.contextMenuFor(*panel.table()->item(0, 2));
        QVERIFY(gpu);
        QCOMPARE(actionTexts(*gpu).first(), QStringLiteral("Open run 3"));
        gpu->actions().at(0)->trigger();
        QCOMPARE(open.last().at(0).toLongLong(), qint64{3});

        QVERIFY(!panel.contextMenuFor(*panel.table()->item(1, 2))); // no run there
    }

    void followsNewRunsAndSaysWhatIsNeededWhenEmpty() {
        QTemporaryDir dir;
        const QString db = dir.filePath("empty.db");
        Workspace workspace;
        SpeedPanel panel(workspace);
        QString error;
        QVERIFY2(workspace.open(db, error), qPrintable(error));
        QCOMPARE(panel.table()->rowCount(), 0);
        QVERIFY2(panel.messageLabel()->text().contains("No finished run has a timed epoch"),
                 qPrintable(panel.messageLabel()->text()));
        {
            RunStore store = RunStore::open(db.toStdString());
            storeTimedRun(store, timed("cnn", "cpu", {5.0}));
        }
        panel.refresh();
        QCOMPARE(panel.table()->rowCount(), 1);
        QVERIFY(panel.messageLabel()->text().isEmpty());
    }
};

QTEST_MAIN(TestSpeedPanel)
#include "tst_speedpanel.moc"
