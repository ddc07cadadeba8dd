// Steering a run (pause, resume, stop) and refusing to start one on bad input.
#include "TrainingTestHelpers.h"
#include "engine/store/RunStore.h"

#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <sqlite3.h>

using namespace tb::engine;
using namespace tb::test;

namespace {

/// Counts step events as they arrive on the engine thread.
class StepCounter : public EventObserver {
public:
    void onEvent(const Event& event) override {
        if (std::holds_alternative<StepMetrics>(event))
            ++steps;
    }
    std::atomic<int> steps{0};
};

/// Counts steps and device readings and keeps the log lines, as they arrive.
class StepsAndLog : public EventObserver {
public:
    void onEvent(const Event& event) override {
        if (std::holds_alternative<StepMetrics>(event))
            ++steps;
        if (std::holds_alternative<DeviceSample>(event))
            ++samples;
        if (const auto* line = std::get_if<LogLine>(&event)) {
            std::lock_guard lock(mutex);
            log.push_back(line->text);
        }
    }
    bool logged(const std::string& start) const {
        std::lock_guard lock(mutex);
        return std::any_of(log.begin(), log.end(),
                           [&](const std::string& line) { return line.rfind(start, 0) == 0; });
    }
    std::atomic<int> steps{0};
    std::atomic<int> samples{0};

private:
    mutable std::mutex mutex;
    std::vector<std::string> log; // guarded by mutex
};

/// Pauses the run at its first step, on the engine thread: the step after it waits.
class PauseAtFirstStep : public EventObserver {
public:
    RunController* controller = nullptr;
    std::atomic<bool> paused{false};

    void onEvent(const Event& event) override {
        if (std::holds_alternative<StepMetrics>(event) && !paused.exchange(true))
            controller->pause();
    }
};

/// Stops the run the moment it publishes an event of type `Trigger` (on the engine thread, so
/// the stop is seen by whatever the trainer does next), and counts the epoch summaries.
template <typename Trigger> class StopOn : public EventObserver {
public:
    RunController* controller = nullptr;
    std::atomic<int> epochSummaries{0};

    void onEvent(const Event& event) override {
        if (std::holds_alternative<EpochSummary>(event))
            ++epochSummaries;
        if (std::holds_alternative<Trigger>(event))
            controller->stop();
    }
};

/// Starts `config` on `controller`, stored in `databasePath`, `observer` told of each event.
StartResult startObserved(RunController& controller, const Config& config,
                          const std::string& databasePath,
                          std::shared_ptr<EventObserver> observer) {
    RunOptions options;
    options.databasePath = databasePath;
    options.observers.push_back(std::move(observer));
    return controller.start(config, options);
}

/// Trains `config` with `observer` until it ends; the stored run.
template <typename Trigger>
RunRecord stoppedRun(const Config& config, const std::shared_ptr<StopOn<Trigger>>& observer,
                     const QTemporaryDir& dir) {
    const std::string databasePath = dir.filePath("runs.db").toStdString();
    RunController controller;
    observer->controller = &controller;
    const StartResult started = startObserved(controller, config, databasePath, observer);
    if (!started.started)
        return {};
    controller.wait();
    return *RunStore::open(databasePath, RunStore::Mode::ReadOnly).run(started.runId);
}

} // namespace

class TestRunControl : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        if (!haveFashionMnist())
            QSKIP("Fashion-MNIST is not installed (apt install dataset-fashion-mnist)");
    }

    void pauseHoldsAndStopEndsTheRun() {
        QTemporaryDir dir;
        const std::string db = dir.filePath("runs.db").toStdString();
        Config config = quickMlpConfig();
        config.set("train.epochs", std::int64_t{5});
        config.set("train.log_every", std::int64_t{1});
        auto counter = std::make_shared<StepCounter>();
        RunController controller;
        const StartResult started = startObserved(controller, config, db, counter);
        QVERIFY(started.started);
        QTRY_VERIFY_WITH_TIMEOUT(counter->steps > 3, 30000);

        controller.pause();
        QTRY_VERIFY(controller.isPaused());
        QTest::qWait(300); // let a step in flight finish
        const int whilePaused = counter->steps;
        QTest::qWait(500);
        QCOMPARE(counter->steps.load(), whilePaused);

        controller.resume();
        QTRY_VERIFY_WITH_TIMEOUT(counter->steps > whilePaused, 10000);
        controller.stop();
        QCOMPARE(controller.wait(), RunStatus::Stopped);

        const RunStore store = RunStore::open(db, RunStore::Mode::ReadOnly);
        QCOMPARE(store.run(started.runId)->status, RunStatus::Stopped);
        bool haveLast = false;
        for (const auto& a : store.artifacts(started.runId))
            haveLast = haveLast || (a.kind == "last" && std::filesystem::exists(a.path));
        QVERIFY2(haveLast, "a stopped run keeps its last checkpoint");
    }

    // Another program holds the workspace's write lock (as a full disk would fail the writes):
    // the run waits instead of training on, and once the file can be written it goes on and
    // every step it took is stored.
    void aRunWaitsWhileItsWorkspaceCannotBeWritten() {
        QTemporaryDir dir;
        const std::string db = dir.filePath("runs.db").toStdString();
        Config config = quickMlpConfig();
        config.set("train.epochs", std::int64_t{1000}); // outlasts the lock's busy timeout
        config.set("train.max_batches", std::int64_t{20});
        config.set("train.log_every", std::int64_t{1});
        auto observer = std::make_shared<StepsAndLog>();
        RunController controller;
        const StartResult started = startObserved(controller, config, db, observer);
        QVERIFY(started.started);
        QTRY_VERIFY_WITH_TIMEOUT(observer->steps > 3, 30000);

        sqlite3* other = nullptr;
        QCOMPARE(sqlite3_open(db.c_str(), &other), SQLITE_OK);
        // The store writer may be inside a transaction of its own: wait for it to end, as
        // another program taking the lock would.
        sqlite3_busy_timeout(other, 10000);
        QCOMPARE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
        QTRY_VERIFY_WITH_TIMEOUT(observer->logged("training waits: cannot write to " + db), 30000);
        QTest::qWait(600); // a step and a device reading in flight end
        const int whileHeld = observer->steps;
        const int samplesWhileHeld = observer->samples;
        QTest::qWait(1500); // three readings at the default 2 Hz, were they taken
        QCOMPARE(observer->steps.load(), whileHeld);
        QCOMPARE(observer->samples.load(), samplesWhileHeld);

        QCOMPARE(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(other);
        QTRY_VERIFY_WITH_TIMEOUT(observer->steps > whileHeld, 10000);
        QVERIFY(observer->logged("training goes on"));
        controller.stop();
        QCOMPARE(controller.wait(), RunStatus::Stopped);
        QVERIFY2(controller.storeProblem().empty(), controller.storeProblem().c_str());
        QCOMPARE(curve(db, started.runId, "train/loss").size(),
                 static_cast<std::size_t>(observer->steps.load()));
    }

    // Epoch times are what runs are compared by: a pause is not part of one.
    void aPauseIsNotPartOfTheEpochTime() {
        QTemporaryDir dir;
        const std::string db = dir.filePath("runs.db").toStdString();
        Config config = quickMlpConfig();
        config.set("train.max_batches", std::int64_t{10});
        config.set("train.log_every", std::int64_t{1});
        auto observer = std::make_shared<PauseAtFirstStep>();
        RunController controller;
        observer->controller = &controller;
        const StartResult started = startObserved(controller, config, db, observer);
        QVERIFY(started.started);
        QTRY_VERIFY_WITH_TIMEOUT(observer->paused, 30000);
        constexpr double kPauseS = 4.0;
        QTest::qWait(static_cast<int>(kPauseS * 1000));
        controller.resume();
        QCOMPARE(controller.wait(), RunStatus::Finished);

        const std::vector<double> durations = curve(db, started.runId, "epoch/duration_s");
        QCOMPARE(durations.size(), std::size_t{1});
        // Ten small batches and a validation pass take well under a second here.
        QVERIFY2(durations.front() < kPauseS, qPrintable(QString::number(durations.front())));
    }

    void stopEndsAValidationPass() {
        // One training batch, then a validation pass of half the training set.
        Config config = quickMlpConfig();
        config.set("train.epochs", std::int64_t{2});
        config.set("train.max_batches", std::int64_t{1});
        config.set("train.log_every", std::int64_t{1});
        config.set("data.val_fraction", 0.5);
        QTemporaryDir dir;
        const auto observer = std::make_shared<StopOn<StepMetrics>>();
        const RunRecord run = stoppedRun(config, observer, dir);
        QCOMPARE(run.status, RunStatus::Stopped);
        QCOMPARE(run.statusReason, std::string("stopped by the user during epoch 1"));
        QCOMPARE(observer->epochSummaries.load(), 0); // the validation did not run to its end
    }

    void stopEndsTheTestPass() {
        Config config = quickMlpConfig();
        config.set("train.max_batches", std::int64_t{1});
        QTemporaryDir dir;
        const auto observer = std::make_shared<StopOn<EpochSummary>>();
        const RunRecord run = stoppedRun(config, observer, dir);
        QCOMPARE(run.status, RunStatus::Stopped);
        QCOMPARE(run.statusReason, std::string("stopped by the user during the test evaluation"));
    }

    void badInputStartsNothing_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("field");
        QTest::newRow("missing data folder") << "data.root"
                                             << "/nonexistent/fmnist"
                                             << "data.root";
        QTest::newRow("folder without idx files") << "data.root"
                                                  << "/usr/share"
                                                  << "data.root";
        QTest::newRow("device that is absent") << "device"
                                               << "cuda:3"
                                               << "device";
        QTest::newRow("malformed device") << "device"
                                          << "gpu0"
                                          << "device";
    }

    void badInputStartsNothing() {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, field);
        QTemporaryDir dir;
        const std::string db = dir.filePath("runs.db").toStdString();
        Config config = quickMlpConfig();
        config.set(key.toStdString(), value.toStdString());

        const FinishedRun run = trainToEnd(config, db);
        QVERIFY(!run.start.started);
        QVERIFY(!run.start.issues.empty());
        QCOMPARE(QString::fromStdString(run.start.issues.front().field), field);
        QVERIFY2(!std::filesystem::exists(db),
                 "no database is created for a run that never starts");
    }

    void unwritableDatabaseIsReported() {
        const FinishedRun run = trainToEnd(quickMlpConfig(), "/proc/no-such-dir/runs.db");
        QVERIFY(!run.start.started);
        QVERIFY(run.start.issues.empty());
        QVERIFY2(run.start.error.find("/proc/no-such-dir/runs.db") != std::string::npos,
                 run.start.error.c_str());
    }

    void secondStartIsRefusedWhileActive() {
        QTemporaryDir dir;
        RunOptions options;
        options.databasePath = dir.filePath("runs.db").toStdString();
        Config config = quickMlpConfig();
        config.set("train.epochs", std::int64_t{3});
        RunController controller;
        QVERIFY(controller.start(config, options).started);
        const StartResult second = controller.start(config, options);
        QVERIFY(!second.started);
        QVERIFY(second.error.find("already in progress") != std::string::npos);
        controller.stop();
        QCOMPARE(controller.wait(), RunStatus::Stopped);
    }
};

QTEST_GUILESS_MAIN(TestRunControl)
#include "tst_runcontrol.moc"
