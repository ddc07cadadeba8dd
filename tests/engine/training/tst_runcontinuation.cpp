// Continuing a stopped, killed or finished run from its last checkpoint, as the same run: it
// ends as if it had never stopped, and a run that cannot go on says why and stays as it was.
#include "TrainingTestHelpers.h"
#include "engine/config/ConfigYaml.h"
#include "engine/store/RunStore.h"
#include "engine/training/Checkpoint.h"
#include "engine/training/ExperimentSchema.h"
#include "tests/engine/store/StoreTestHelpers.h"

#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <torch/nn/modules/linear.h>

using namespace tb::engine;
using namespace tb::test;

namespace {

/// A config whose continuation has everything to get right: dropout (the random generator),
/// Adam's moments, a warm-up and cosine schedule by step, gradient accumulation, loader
/// workers, augmentation drawn per batch, the best epoch's weights for the test, and logged
/// steps that average several.
Config continuableConfig() {
    Config c = quickMlpConfig();
    c.set("model.dropout", 0.2);
    c.set("train.epochs", std::int64_t{3});
    c.set("train.max_batches", std::int64_t{24});
    c.set("train.grad_accum", std::int64_t{2});
    c.set("train.log_every", std::int64_t{4});
    c.set("data.num_workers", std::int64_t{2});
    c.set("data.flip", true);
    c.set("data.crop_padding", std::int64_t{2});
    c.set("schedule.name", std::string("cosine"));
    c.set("schedule.warmup_steps", std::int64_t{5});
    return c;
}

/// Stops the run once it publishes the step `step` (on the engine thread: the stop comes
/// before the next batch).
class StopAtStep : public EventObserver {
public:
    explicit StopAtStep(std::int64_t step)
        : m_step(step) {}
    RunController* controller = nullptr;
    void onEvent(const Event& event) override {
        if (const auto* s = std::get_if<StepMetrics>(&event); s && s->step == m_step)
            controller->stop();
    }

private:
    std::int64_t m_step;
};

/// Stops the run one step after the logged step `step`, where the steps it averages for its
/// next logged point have begun: at `step` it asks for a checkpoint, which the trainer takes
/// before the next batch, and the checkpoint's event asks for the stop, seen a step later.
class StopBetweenLoggedSteps : public EventObserver {
public:
    explicit StopBetweenLoggedSteps(std::int64_t step)
        : m_step(step) {}
    RunController* controller = nullptr;
    void onEvent(const Event& event) override {
        if (const auto* s = std::get_if<StepMetrics>(&event); s && s->step == m_step)
            controller->requestCheckpoint();
        if (const auto* c = std::get_if<CheckpointSaved>(&event); c && c->kind == "manual")
            controller->stop();
    }

private:
    std::int64_t m_step;
};

/// Trains `config` in `db` until `observer` stops it; the run's id, 0 when it did not start.
std::int64_t trainUntilStopped(const Config& config, const std::string& db,
                               const std::shared_ptr<EventObserver>& observer,
                               RunController*& controllerSlot) {
    RunController controller;
    controllerSlot = &controller;
    RunOptions options;
    options.databasePath = db;
    options.observers.push_back(observer);
    const StartResult started = controller.start(config, options);
    if (!started.started)
        return 0;
    controller.wait();
    return started.runId;
}

/// Continues run `runId` of `db` with `config`.
struct Continued {
    StartResult start;
    RunStatus status = RunStatus::Created;
};
Continued continueRun(const std::string& db, std::int64_t runId, const Config& config) {
    RunController controller;
    RunOptions options;
    options.databasePath = db;
    options.continueRunId = runId;
    Continued out;
    out.start = controller.start(config, options);
    if (out.start.started)
        out.status = controller.wait();
    return out;
}

/// Continues run `runId` of `db` with its own config, train.epochs set to `epochs` when given.
Continued continueRun(const std::string& db, std::int64_t runId, std::int64_t epochs = 0) {
    const std::optional<RunRecord> run = RunStore::open(db, RunStore::Mode::ReadOnly).run(runId);
    Config config = parseConfigYaml(run->configYaml, experimentSchema()).config;
    if (epochs > 0)
        config.set("train.epochs", epochs);
    return continueRun(db, runId, config);
}

/// Every value the run recorded that does not depend on the clock.
std::map<std::string, std::vector<double>> figures(const std::string& db, std::int64_t runId) {
    std::map<std::string, std::vector<double>> out;
    for (const char* name : {"train/loss", "train/lr", "val/loss", "val/accuracy", "test/loss",
                             "test/accuracy", "best/val/loss"})
        out[name] = curve(db, runId, name);
    return out;
}

std::string lastCheckpoint(const std::string& db, std::int64_t runId) {
    std::string path;
    for (const ArtifactRecord& a : RunStore::open(db, RunStore::Mode::ReadOnly).artifacts(runId))
        if (a.kind == "last")
            path = a.path;
    return path;
}

QString joined(const ConfigIssues& issues) {
    QString out;
    for (const ConfigIssue& issue : issues)
        out += QString::fromStdString(issue.field + ": " + issue.message + "\n");
    return out;
}

} // namespace

class TestRunContinuation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        if (!haveFashionMnist())
            QSKIP("Fashion-MNIST is not installed (apt install dataset-fashion-mnist)");
        const Config config = continuableConfig();
        const FinishedRun whole = trainToEnd(config, m_wholeDb);
        QCOMPARE(whole.status, RunStatus::Finished);
        m_whole = figures(m_wholeDb, whole.start.runId);
        QCOMPARE(m_whole["train/loss"].size(), std::size_t{9}); // 12 steps an epoch, every 4th
    }

    void aStoppedRunGoesOnAsIfItHadNotStopped() {
        const std::string db = m_dir.filePath("stopped.db").toStdString();
        auto stopper = std::make_shared<StopAtStep>(16); // in epoch 2
        const std::int64_t id =
            trainUntilStopped(continuableConfig(), db, stopper, stopper->controller);
        QVERIFY(id > 0);
        QCOMPARE(RunStore::open(db).run(id)->status, RunStatus::Stopped);

        const Continued continued = continueRun(db, id);
        QVERIFY2(continued.start.started, qPrintable(joined(continued.start.issues)));
        QCOMPARE(continued.start.runId, id);
        QCOMPARE(continued.status, RunStatus::Finished);
        QCOMPARE(figures(db, id), m_whole);

        const RunStore store = RunStore::open(db, RunStore::Mode::ReadOnly);
        QCOMPARE(store.listRuns().size(), std::size_t{1});
        const std::optional<RunRecord> run = store.run(id);
        QVERIFY(run->statusReason.empty());
        bool logged = false;
        for (const LogLine& line : store.logs(id))
            logged = logged ||
                     line.text.find("epoch 2/3 at batch 8 of 24, step 16") != std::string::npos;
        QVERIFY2(logged, "the log says where the run went on from");
        // The clock goes on: no event of the continued run is stamped before the stop.
        const std::vector<MetricPoint> loss = store.metricSeries(id, "train/loss");
        for (std::size_t i = 1; i < loss.size(); ++i)
            QVERIFY(loss[i].wallTimeS > loss[i - 1].wallTimeS);
        // How long it trained is that clock, not the time from its start to its end.
        QVERIFY(run->runSeconds >= loss.back().wallTimeS);
        QVERIFY(run->runSeconds < loss.back().wallTimeS + 5.0);
    }

    void aStopBetweenLoggedStepsGoesOnExactly() {
        const std::string db = m_dir.filePath("between.db").toStdString();
        auto stopper = std::make_shared<StopBetweenLoggedSteps>(4);
        const std::int64_t id =
            trainUntilStopped(continuableConfig(), db, stopper, stopper->controller);
        QVERIFY(id > 0);
        const Continued continued = continueRun(db, id);
        QVERIFY2(continued.start.started, qPrintable(joined(continued.start.issues)));
        QCOMPARE(figures(db, id), m_whole);
        bool logged = false;
        for (const LogLine& line : RunStore::open(db).logs(id))
            logged = logged || line.text.find("at batch 10 of 24, step 5") != std::string::npos;
        QVERIFY2(logged, "stopped after step 5, which the point logged at step 8 averages");
    }

    // Stopped at an epoch's last step, the run stops in its validation pass; going on
    // validates that epoch.
    void aRunStoppedWhileValidatingValidatesThatEpoch() {
        const std::string db = m_dir.filePath("validating.db").toStdString();
        auto stopper = std::make_shared<StopAtStep>(12);
        const std::int64_t id =
            trainUntilStopped(continuableConfig(), db, stopper, stopper->controller);
        QVERIFY(id > 0);
        QVERIFY(curve(db, id, "val/loss").empty());
        const Continued continued = continueRun(db, id);
        QCOMPARE(continued.status, RunStatus::Finished);
        QCOMPARE(figures(db, id), m_whole);
    }

    // A killed process leaves what it wrote after its last checkpoint: that part is trained
    // again, and its points must not stay beside the new ones.
    void aKilledRunDropsWhatItWroteAfterItsCheckpoint() {
        const std::string db = m_dir.filePath("killed.db").toStdString();
        auto stopper = std::make_shared<StopAtStep>(12); // the checkpoint: before validation
        const std::int64_t id =
            trainUntilStopped(continuableConfig(), db, stopper, stopper->controller);
        QVERIFY(id > 0);
        {
            RunStore store = RunStore::open(db);
            store.appendMetrics(id, "train/loss", {{16, 2, 1e6, 9.0}, {20, 2, 1e6 + 1, 9.0}});
            store.appendMetrics(id, "val/loss", {{24, 2, 1e6 + 2, 9.0}});
            DeviceSample late;
            late.runId = id;
            late.device = "cpu";
            late.wallTimeS = 1e6;
            store.apply({late});
            store.setRunStatus(id, RunStatus::Failed, "its process ended while it was training");
        }
        const Continued continued = continueRun(db, id);
        QCOMPARE(continued.status, RunStatus::Finished);
        QCOMPARE(figures(db, id), m_whole);
        for (const DeviceSample& s : RunStore::open(db).deviceSamples(id))
            QVERIFY(s.wallTimeS < 1e6);
    }

    // A finished run given more epochs trains on from its end; with a schedule that does not
    // depend on the epoch count that is the longer run exactly.
    void aFinishedRunTrainsLongerWhenGivenMoreEpochs() {
        Config config = continuableConfig();
        config.set("schedule.name", std::string("constant"));
        config.set("train.epochs", std::int64_t{2});
        const std::string db = m_dir.filePath("longer.db").toStdString();
        const FinishedRun shorter = trainToEnd(config, db);
        QCOMPARE(shorter.status, RunStatus::Finished);
        config.set("train.epochs", std::int64_t{3});
        const std::string longerDb = m_dir.filePath("longer-whole.db").toStdString();
        const FinishedRun longer = trainToEnd(config, longerDb);

        const Continued refused = continueRun(db, shorter.start.runId);
        QVERIFY(!refused.start.started);
        QVERIFY2(joined(refused.start.issues).contains("finished its 2 epochs"),
                 qPrintable(joined(refused.start.issues)));
        const Continued continued = continueRun(db, shorter.start.runId, 3);
        QCOMPARE(continued.status, RunStatus::Finished);
        const auto extended = figures(db, shorter.start.runId);
        const auto whole = figures(longerDb, longer.start.runId);
        QCOMPARE(extended.at("train/loss"), whole.at("train/loss"));
        QCOMPARE(extended.at("val/loss"), whole.at("val/loss"));
        // The first test stays as a point of its own, at the step it was taken.
        QCOMPARE(extended.at("test/accuracy").size(), std::size_t{2});
        QCOMPARE(extended.at("test/accuracy").back(), whole.at("test/accuracy").back());
    }

    // Each row's name says what is wrong with the run.
    void runsThatCannotGoOnSayWhyAndStayAsTheyWere_data() {
        QTest::addColumn<QString>("expected");
        QTest::newRow("checkpoints off") << "saved no checkpoint";
        QTest::newRow("checkpoint deleted") << "is missing";
        QTest::newRow("weights only") << "holds weights only";
        QTest::newRow("not a checkpoint") << "cannot be read";
        QTest::newRow("empty checkpoint") << "cannot be read (the file is empty";
        QTest::newRow("another model's checkpoint") << "does not fit the model its config builds";
        QTest::newRow("fewer epochs") << "has reached epoch 2 already";
        QTest::newRow("unknown run") << "is not in";
        QTest::newRow("merged from a server") << "was trained on gpu-server";
    }

    void runsThatCannotGoOnSayWhyAndStayAsTheyWere() {
        const QString damage = QTest::currentDataTag();
        QFETCH(QString, expected);
        Config config = continuableConfig();
        config.set("train.checkpoints", damage != "checkpoints off");
        QTemporaryDir dir;
        const std::string db = dir.filePath("runs.db").toStdString();
        auto stopper = std::make_shared<StopAtStep>(16);
        const std::int64_t id = trainUntilStopped(config, db, stopper, stopper->controller);
        QVERIFY(id > 0);
        const std::string last = lastCheckpoint(db, id);
        if (damage == "checkpoint deleted")
            std::filesystem::remove(last);
        if (damage == "weights only")
            saveCheckpoint(*torch::nn::Linear(2, 2), last);
        if (damage == "not a checkpoint")
            std::ofstream(last) << "not a checkpoint";
        if (damage == "empty checkpoint")
            std::filesystem::resize_file(last, 0);
        if (damage == "another model's checkpoint") { // as a class folder more would build
            Config wider = config;
            wider.set("model.hidden", config.getInt("model.hidden") * 2);
            const std::int64_t other = trainUntilStopped(wider, db, stopper, stopper->controller);
            std::filesystem::copy_file(lastCheckpoint(db, other), last,
                                       std::filesystem::copy_options::overwrite_existing);
        }
        if (damage == "fewer epochs")
            config.set("train.epochs", std::int64_t{1});
        if (damage == "merged from a server") // as a merge copies it: another host, no process
            execSql(db, "UPDATE runs SET host = 'gpu-server', pid = 0");
        const std::size_t points = curve(db, id, "train/loss").size();

        const Continued continued = continueRun(db, damage == "unknown run" ? id + 1 : id, config);
        QVERIFY(!continued.start.started);
        QVERIFY2(joined(continued.start.issues).contains(expected),
                 qPrintable(joined(continued.start.issues)));
        const RunStore store = RunStore::open(db, RunStore::Mode::ReadOnly);
        QCOMPARE(store.run(id)->status, RunStatus::Stopped);
        QCOMPARE(curve(db, id, "train/loss").size(), points);
    }

private:
    QTemporaryDir m_dir;
    std::string m_wholeDb = m_dir.filePath("whole.db").toStdString();
    std::map<std::string, std::vector<double>> m_whole;
};

QTEST_GUILESS_MAIN(TestRunContinuation)
#include "tst_runcontinuation.moc"
