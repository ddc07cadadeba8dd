// A real training started from the window: the charts fill and the run lands in the runs list.
#include "UiTestHelpers.h"
#include "engine/store/RunStore.h"
#include "ui/charts/ChartPanel.h"
#include "ui/charts/DeviceChart.h"
#include "ui/charts/MetricChart.h"
#include "ui/compare/ComparePanel.h"
#include "ui/config/ConfigDocument.h"
#include "ui/config/ConfigEditor.h"
#include "ui/main/LogDock.h"
#include "ui/main/LogPanel.h"
#include "ui/main/MainWindow.h"
#include "ui/main/RunStatusBar.h"
#include "ui/main/TrainActions.h"
#include "ui/runs/RunsPanel.h"
#include "ui/runs/RunsTableModel.h"
#include "ui/runs/Workspace.h"
#include "ui/trace/RunTrace.h"
#include "ui/training/TrainingSession.h"
#include "ui/util/Format.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QScrollBar>
#include <QTableWidget>
#include <QtTest>
#include <sqlite3.h>

using namespace tb::ui;
using State = TrainingSession::State;

class TestTrainingFromUi : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    MainWindow::Options options() const {
        MainWindow::Options o;
        o.databasePath = m_dir.filePath("workspace.db");
        return o;
    }

    /// The default experiment, cut to one short epoch: seconds on two cores.
    static void makeQuick(MainWindow& window) {
        QVERIFY(window.configEditor()->loadPreset("fashion-mnist-cnn"));
        window.configDocument().setValue("train.epochs", std::int64_t{1});
        window.configDocument().setValue("train.max_batches", std::int64_t{80});
        window.configDocument().setValue("train.log_every", std::int64_t{5});
    }

    /// Trains many short epochs (still training when the store's writes fail, after SQLite's
    /// busy timeout) and takes the workspace's write lock as another program would, until the
    /// status bar says the run waits. `lock`: ROLLBACK and close it.
    /// A window whose run waits: another program holds its workspace's write lock.
    struct HeldRun {
        HeldRun(const MainWindow::Options& options)
            : window(options)
            , incomplete(&window.session(), &TrainingSession::storeIncomplete) {}
        // Before the window closes: a test that failed midway still lets the run end.
        ~HeldRun() {
            if (lock)
                releaseLock();
        }
        HeldRun(const HeldRun&) = delete;
        HeldRun& operator=(const HeldRun&) = delete;

        /// The other program lets go.
        void releaseLock() {
            sqlite3_exec(lock, "ROLLBACK", nullptr, nullptr, nullptr);
            sqlite3_close(lock);
            lock = nullptr;
        }

        MainWindow window;
        QSignalSpy incomplete;
        sqlite3* lock = nullptr;
    };

    /// Starts a long run in `held`'s window, takes the lock of its workspace `databasePath`
    /// and waits until the run says it waits.
    static void trainUntilHeld(HeldRun& held, const QString& databasePath) {
        MainWindow& window = held.window;
        makeQuick(window);
        window.configDocument().setValue("train.epochs", std::int64_t{1000});
        window.configDocument().setValue("train.max_batches", std::int64_t{10});
        window.trainActions()->train()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(window.session().state(), State::Running, 30000);
        QCOMPARE(sqlite3_open(databasePath.toUtf8().constData(), &held.lock), SQLITE_OK);
        QCOMPARE(sqlite3_exec(held.lock, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
        QTRY_VERIFY_WITH_TIMEOUT(window.runStatusBar()->stateText().contains("Waiting"), 60000);
    }

    static bool tableHolds(const QTableWidget& table, const QString& text) {
        for (int r = 0; r < table.rowCount(); ++r) {
            for (int c = 0; c < table.columnCount(); ++c) {
                if (table.item(r, c) && table.item(r, c)->text() == text)
                    return true;
            }
        }
        return false;
    }

    static QString statusOf(MainWindow& window, qint64 runId) {
        RunsTableModel* model = window.runsPanel()->model();
        const int row = model->rowOfRun(runId);
        return row < 0 ? QString() : model->index(row, RunsTableModel::Status).data().toString();
    }

private Q_SLOTS:
    void initTestCase() { tb::test::useTemporarySettings(m_dir); }

    void init() {
        if (!tb::test::haveFashionMnist())
            QSKIP("Fashion-MNIST is not installed (apt install dataset-fashion-mnist)");
    }

    void oneClickTrainsAndTheChartsFill() {
        MainWindow window(options());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        makeQuick(window);
        QAction* train = window.trainActions()->train();
        QVERIFY(train->isEnabled());
        train->trigger();
        QCOMPARE(window.session().state(), State::Starting);
        QVERIFY(!train->isEnabled());

        QTRY_COMPARE_WITH_TIMEOUT(window.session().state(), State::Running, 30000);
        const qint64 runId = window.session().runId();
        QVERIFY(runId > 0);
        QTRY_VERIFY_WITH_TIMEOUT(window.chartPanel()->metricChart("loss") &&
                                     window.chartPanel()->metricChart("loss")->plottedPointCount() >
                                         0,
                                 60000);
        QVERIFY2(window.runsPanel()->model()->rowOfRun(runId) >= 0,
                 "the run is listed as soon as it starts");

        QTRY_COMPARE_WITH_TIMEOUT(window.session().state(), State::Idle, 120000);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(window, runId), QStringLiteral("finished"), 10000);
        MetricChart* loss = window.chartPanel()->metricChart("loss");
        QVERIFY(loss->plottedPointCount() >= 2);
        QVERIFY(window.chartPanel()->metricChart("accuracy")); // val/accuracy per epoch
        QVERIFY(window.liveTrace()->metrics().count("val/loss"));
        // The engine's telemetry (2 Hz by default) moves the memory chart.
        QVERIFY(window.liveTrace()->devices().count(QStringLiteral("cpu")));
        const DeviceSeries& cpu = window.liveTrace()->devices().at(QStringLiteral("cpu"));
        QVERIFY2(cpu.memoryUsedBytes.size() >= 2,
                 qPrintable(QString::number(cpu.memoryUsedBytes.size())));
        QVERIFY(cpu.memoryUsedBytes.back() > 0 && cpu.allocatedBytes.back() > 0);
        QVERIFY(window.chartPanel()->deviceChart() &&
                window.chartPanel()->deviceChart()->plottedPointCount() > 0);
        QVERIFY(!window.runStatusBar()->rateText().isEmpty());
        QVERIFY(train->isEnabled());

        // The stored run opens with the same curves.
        const std::size_t livePoints = window.liveTrace()->metrics().at("train/loss").size();
        window.openRun(runId);
        RunTrace* shown = window.chartPanel()->trace();
        QVERIFY(shown != window.liveTrace());
        QCOMPARE(shown->info().status, QStringLiteral("finished"));
        QCOMPARE(shown->metrics().at("train/loss").size(), livePoints);
        QVERIFY(shown->devices().count(QStringLiteral("cpu")));
        // With its own log, the session's one choice away.
        QVERIFY(window.logDock()->showsRunLog());
        const QString stored = window.logDock()->runLog()->toPlainText();
        QVERIFY2(stored.contains("parameters on cpu") &&
                     stored.contains(QStringLiteral("run %1 finished").arg(runId)),
                 qPrintable(stored));
        QVERIFY(window.logDock()->session()->toPlainText().contains("parameters on cpu"));
        QCOMPARE(window.logDock()->runLog()->horizontalScrollBar()->value(), 0); // lines' starts
        window.logDock()->showSession();
        QVERIFY(!window.logDock()->showsRunLog());
    }

    void aComparedRunIsShownAsItEnds() {
        MainWindow::Options o = options();
        o.databasePath = m_dir.filePath("compared-while-training.db");
        MainWindow window(o);
        makeQuick(window);
        window.trainActions()->train()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(window.session().state(), State::Running, 30000);
        const qint64 runId = window.session().runId();
        window.compareRuns({runId}); // as far as it has got: created or running
        QVERIFY(!tableHolds(*window.comparePanel()->table(), QStringLiteral("finished")));
        QTRY_COMPARE_WITH_TIMEOUT(window.session().state(), State::Idle, 120000);
        QVERIFY(tableHolds(*window.comparePanel()->table(), QStringLiteral("finished")));
    }

    // Another program takes the workspace's write lock, as a full disk would fail every write:
    // the run waits ("Waiting" in the status bar) and, once the lock is gone, goes on and is
    // stored in full.
    void aRunWaitsOutALockedWorkspace() {
        MainWindow::Options o = options();
        o.databasePath = m_dir.filePath("locked-during-run.db");
        HeldRun held(o);
        trainUntilHeld(held, o.databasePath);
        if (QTest::currentTestFailed())
            return;
        MainWindow& window = held.window;
        QVERIFY2(window.runStatusBar()->currentMessage().contains("cannot write to"),
                 qPrintable(window.runStatusBar()->currentMessage()));

        held.releaseLock();
        QTRY_VERIFY_WITH_TIMEOUT(window.runStatusBar()->stateText().contains("Training"), 30000);
        window.trainActions()->stop()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(window.session().state(), State::Idle, 60000);
        QCOMPARE(held.incomplete.count(), 0);
    }

    // Stopped while it waits, the run ends with events the workspace never got: that is said.
    void aRunStoppedWhileItWaitsIsReported() {
        MainWindow::Options o = options();
        o.databasePath = m_dir.filePath("stopped-while-locked.db");
        HeldRun held(o);
        trainUntilHeld(held, o.databasePath);
        if (QTest::currentTestFailed())
            return;
        MainWindow& window = held.window;
        window.trainActions()->stop()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(held.incomplete.count(), 1, 60000);
        held.releaseLock();
        const QString problem = held.incomplete.first().at(1).toString();
        QVERIFY2(problem.contains("could not be written to") && problem.contains("locked"),
                 qPrintable(problem));
        QMessageBox* box = window.findChild<QMessageBox*>();
        QVERIFY(box);
        QVERIFY2(box->windowTitle().endsWith("was not stored in full"),
                 qPrintable(box->windowTitle()));
    }

    // Stopped in its second epoch, a run goes on from the runs list as the same run: its live
    // charts start with what it had, and it ends with every step once.
    void aStoppedRunContinuesFromTheRunsList() {
        MainWindow::Options o = options();
        o.databasePath = m_dir.filePath("continued.db");
        MainWindow window(o);
        makeQuick(window);
        window.configDocument().setValue("train.epochs", std::int64_t{3});
        window.configDocument().setValue("train.max_batches", std::int64_t{20});
        window.configDocument().setValue("train.log_every", std::int64_t{1});
        window.trainActions()->train()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.liveTrace()->metrics().count("train/loss") &&
                                     window.liveTrace()->metrics().at("train/loss").size() > 25,
                                 60000);
        window.trainActions()->stop()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(window.session().state(), State::Idle, 60000);
        const qint64 runId = window.session().runId();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(window, runId), QStringLiteral("stopped"), 10000);

        const auto menu = window.runsPanel()->contextMenu(runId);
        QAction* goOn = tb::test::actionNamed(*menu, "Continue training");
        QVERIFY(goOn);
        goOn->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(window.session().state(), State::Running, 30000);
        QCOMPARE(window.session().runId(), runId);
        QVERIFY2(window.liveTrace()->metrics().at("train/loss").size() > 25,
                 "the live charts start with the run's stored curves");
        QTRY_COMPARE_WITH_TIMEOUT(window.session().state(), State::Idle, 120000);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(window, runId), QStringLiteral("finished"), 10000);
        QCOMPARE(window.workspace().store()->listRuns().size(), std::size_t{1});
        const MetricSeries& loss = window.liveTrace()->metrics().at("train/loss");
        QCOMPARE(loss.size(), std::size_t{60});
        for (std::size_t i = 0; i < loss.size(); ++i)
            QCOMPARE(loss.step[i], static_cast<double>(i + 1));
        QCOMPARE(window.liveTrace()->epochMarks().size(), std::size_t{3});

        // Finished, it trains longer instead; a run that cannot go on says why in a box.
        const auto finishedMenu = window.runsPanel()->contextMenu(runId);
        QVERIFY(!tb::test::actionNamed(*finishedMenu, "Continue training"));
        QVERIFY(tb::test::actionNamed(*finishedMenu, "Train longer\u2026"));
        for (const tb::engine::ArtifactRecord& a : window.workspace().store()->artifacts(runId))
            QFile::remove(toQString(a.path));
        Q_EMIT window.runsPanel()->continueRunRequested(runId, 6);
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QMessageBox*>(), 30000);
        QMessageBox* box = window.findChild<QMessageBox*>();
        QCOMPARE(box->windowTitle(), QStringLiteral("Run %1 cannot continue").arg(runId));
        QVERIFY2(box->text().contains("is missing"), qPrintable(box->text()));
        QCOMPARE(statusOf(window, runId), QStringLiteral("finished"));
    }

    void aRunTheEngineRefusesShowsWhy() {
        MainWindow window(options());
        makeQuick(window);
        window.configDocument().setValue("data.root",
                                         m_dir.filePath("no-such-folder").toStdString());
        const std::size_t runsBefore = window.workspace().store()->listRuns().size();
        window.trainActions()->train()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!window.configDocument().isValid(), 30000);
        QCOMPARE(window.session().state(), State::Idle);
        QVERIFY2(window.configDocument().issuesText().contains("no-such-folder"),
                 qPrintable(window.configDocument().issuesText()));
        QVERIFY(!window.trainActions()->train()->isEnabled());
        QCOMPARE(window.workspace().store()->listRuns().size(), runsBefore);

        window.configDocument().setValue("data.root", std::string(tb::test::kFashionMnistRoot));
        QVERIFY(window.trainActions()->train()->isEnabled());
    }
};

QTEST_MAIN(TestTrainingFromUi)
#include "tst_trainingfromui.moc"
