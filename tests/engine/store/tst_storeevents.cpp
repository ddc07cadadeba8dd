// RunStore::apply: every event type lands where it belongs and reads back unchanged; the
// enum spellings the database stores.
#include "StoreTestHelpers.h"
#include "engine/store/RunStore.h"

#include <QTest>

using namespace tb::engine;
using namespace tb::test;

class TestStoreEvents : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void statusAndLevelSpellings();
    void runStartedMarksRunning();
    void stepMetricsBecomePoints();
    void epochSummaryBecomesPoints();
    void deviceSamplesRoundTrip();
    void logLinesRoundTrip();
    void checkpointsBecomeArtifacts();
    void runEndedStoresOutcomeAndFinalMetrics();
};

void TestStoreEvents::statusAndLevelSpellings() {
    for (const RunStatus status : {RunStatus::Created, RunStatus::Running, RunStatus::Paused,
                                   RunStatus::Finished, RunStatus::Stopped, RunStatus::Failed}) {
        QCOMPARE(runStatusFromString(toString(status)), status);
    }
    QCOMPARE(std::string(toString(RunStatus::Finished)), std::string("finished"));
    QCOMPARE(runStatusFromString("exploded"), RunStatus::Failed);
    for (const LogLevel level :
         {LogLevel::Debug, LogLevel::Info, LogLevel::Warning, LogLevel::Error}) {
        QCOMPARE(logLevelFromString(toString(level)), level);
    }
    QCOMPARE(std::string(toString(LogLevel::Warning)), std::string("warning"));
    QCOMPARE(logLevelFromString("chatter"), LogLevel::Info);
}

void TestStoreEvents::runStartedMarksRunning() {
    RunStore store = RunStore::openInMemory();
    RunRecord record = sampleRun("start");
    record.device = "cuda";
    const std::int64_t runId = store.createRun(record);
    store.apply({RunStarted{runId, "start", "cuda:1", 10, 100, 0.0}});
    const RunRecord run = *store.run(runId);
    QCOMPARE(run.status, RunStatus::Running);
    QVERIFY(!run.startedAt.empty());
    QCOMPARE(run.device, std::string("cuda:1"));
}

void TestStoreEvents::stepMetricsBecomePoints() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t runId = store.createRun(sampleRun("steps"));
    StepMetrics event{runId, 7, 2, 3.5, 1234.5, 60.0, {{"train/loss", 0.42}, {"train/lr", 1e-4}}};
    store.apply({event});

    QCOMPARE(store.metricNames(runId),
             (std::vector<std::string>{"train/loss", "train/lr", "train/samples_per_s"}));
    const auto check = [&](const char* name, double value) {
        const std::vector<MetricPoint> points = store.metricSeries(runId, name);
        QCOMPARE(points.size(), std::size_t{1});
        QCOMPARE(points[0].step, std::int64_t{7});
        QCOMPARE(points[0].epoch, std::int64_t{2});
        QCOMPARE(points[0].wallTimeS, 3.5);
        QCOMPARE(points[0].value, value);
    };
    check("train/loss", 0.42);
    check("train/lr", 1e-4);
    check("train/samples_per_s", 1234.5);
}

void TestStoreEvents::epochSummaryBecomesPoints() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t runId = store.createRun(sampleRun("epochs"));
    std::vector<Event> events;
    for (std::int64_t epoch = 1; epoch <= 3; ++epoch) {
        events.push_back(EpochSummary{runId,
                                      epoch,
                                      epoch * 100,
                                      epoch * 10.0,
                                      9.5,
                                      5000.0,
                                      {{"val/loss", 1.0 / double(epoch)}}});
    }
    store.apply(events);

    QCOMPARE(store.metricNames(runId),
             (std::vector<std::string>{"epoch/duration_s", "epoch/samples_per_s", "val/loss"}));
    const std::vector<MetricPoint> loss = store.metricSeries(runId, "val/loss");
    QCOMPARE(loss.size(), std::size_t{3});
    QCOMPARE(loss[2].step, std::int64_t{300});
    QCOMPARE(loss[2].epoch, std::int64_t{3});
    QCOMPARE(loss[2].wallTimeS, 30.0);
    QCOMPARE(loss[2].value, 1.0 / 3.0);
    QCOMPARE(store.metricSeries(runId, "epoch/duration_s")[1].value, 9.5);
    QCOMPARE(store.metricSeries(runId, "epoch/samples_per_s")[0].value, 5000.0);
}

void TestStoreEvents::deviceSamplesRoundTrip() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t runId = store.createRun(sampleRun("telemetry"));
    DeviceSample full{runId,  "cuda:0", 0.5,           87.5,          6'000'000'000, 24'000'000'000,
                      250.25, 71.0,     5'000'000'000, 5'500'000'000, 5'800'000'000, 1755.0};
    DeviceSample unknown; // everything the device did not report stays -1
    unknown.runId = runId;
    unknown.device = "cpu";
    unknown.wallTimeS = 1.0;
    store.apply({unknown, full}); // read back by time, not by arrival

    const std::vector<DeviceSample> samples = store.deviceSamples(runId);
    QCOMPARE(samples.size(), std::size_t{2});
    const DeviceSample& a = samples[0];
    QCOMPARE(a.runId, runId);
    QCOMPARE(a.device, full.device);
    QCOMPARE(a.wallTimeS, full.wallTimeS);
    QCOMPARE(a.utilizationPct, full.utilizationPct);
    QCOMPARE(a.memoryUsedBytes, full.memoryUsedBytes);
    QCOMPARE(a.memoryTotalBytes, full.memoryTotalBytes);
    QCOMPARE(a.powerW, full.powerW);
    QCOMPARE(a.temperatureC, full.temperatureC);
    QCOMPARE(a.allocatedBytes, full.allocatedBytes);
    QCOMPARE(a.reservedBytes, full.reservedBytes);
    QCOMPARE(a.peakBytes, full.peakBytes);
    QCOMPARE(a.clockMHz, full.clockMHz);
    const DeviceSample& b = samples[1];
    QCOMPARE(b.device, std::string("cpu"));
    QCOMPARE(b.utilizationPct, -1.0);
    QCOMPARE(b.memoryUsedBytes, std::int64_t{-1});
    QCOMPARE(b.memoryTotalBytes, std::int64_t{-1});
    QCOMPARE(b.powerW, -1.0);
    QCOMPARE(b.temperatureC, -1.0);
    QCOMPARE(b.allocatedBytes, std::int64_t{-1});
    QCOMPARE(b.reservedBytes, std::int64_t{-1});
    QCOMPARE(b.peakBytes, std::int64_t{-1});
    QCOMPARE(b.clockMHz, -1.0);
}

void TestStoreEvents::logLinesRoundTrip() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t runId = store.createRun(sampleRun("logs"));
    const std::vector<LogLine> written{
        {runId, LogLevel::Info, 0.0, "loading ETTh1.csv"},
        {runId, LogLevel::Warning, 1.5, "loss is NaN at step 12; skipping"},
        {runId, LogLevel::Error, 2.0, "unicode ✓ and 'quotes' and \"more\"\nsecond line"},
        {runId, LogLevel::Debug, 2.0, ""},
    };
    store.apply(std::vector<Event>(written.begin(), written.end()));
    const std::vector<LogLine> read = store.logs(runId);
    QCOMPARE(read.size(), written.size());
    for (std::size_t i = 0; i < read.size(); ++i) {
        QCOMPARE(read[i].runId, runId);
        QCOMPARE(read[i].level, written[i].level);
        QCOMPARE(read[i].wallTimeS, written[i].wallTimeS);
        QCOMPARE(read[i].text, written[i].text);
    }
}

void TestStoreEvents::checkpointsBecomeArtifacts() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t runId = store.createRun(sampleRun("checkpoints"));
    store.apply({CheckpointSaved{runId, 1, 100, "best", "/runs/1/best.pt", 10.0},
                 CheckpointSaved{runId, 2, 200, "last", "/runs/1/last.pt", 20.0}});
    store.addArtifact(
        {0, runId, "predictions", "/runs/1/pred.csv", 2, 200, "2026-11-23T10:00:00Z"});

    const std::vector<ArtifactRecord> artifacts = store.artifacts(runId);
    QCOMPARE(artifacts.size(), std::size_t{3});
    QCOMPARE(artifacts[0].runId, runId);
    QCOMPARE(artifacts[0].kind, std::string("best"));
    QCOMPARE(artifacts[0].path, std::string("/runs/1/best.pt"));
    QCOMPARE(artifacts[0].epoch, std::int64_t{1});
    QCOMPARE(artifacts[0].step, std::int64_t{100});
    QVERIFY(!artifacts[0].createdAt.empty());
    QCOMPARE(artifacts[1].kind, std::string("last"));
    QCOMPARE(artifacts[2].kind, std::string("predictions"));
    QCOMPARE(artifacts[2].createdAt, std::string("2026-11-23T10:00:00Z"));
    QVERIFY(artifacts[0].id < artifacts[1].id);
}

void TestStoreEvents::runEndedStoresOutcomeAndFinalMetrics() {
    RunStore store = RunStore::openInMemory();
    const std::int64_t runId = store.createRun(sampleRun("end"));
    // The final metrics arrive in the same batch as the last steps.
    store.apply({RunStarted{runId, "end", "cpu", 3, 10, 0.0}, stepMetrics(runId, 299, 0.31),
                 stepMetrics(runId, 300, 0.30),
                 RunEnded{runId,
                          RunStatus::Stopped,
                          "stopped by the user",
                          42.0,
                          {{"test/loss", 0.35}, {"test/accuracy", 0.91}}}});

    const RunRecord run = *store.run(runId);
    QCOMPARE(run.status, RunStatus::Stopped);
    QCOMPARE(run.statusReason, std::string("stopped by the user"));
    QVERIFY(!run.finishedAt.empty());
    QCOMPARE(run.runSeconds, 42.0); // its own clock, what the runs list shows as its duration

    const std::vector<MetricPoint> accuracy = store.metricSeries(runId, "test/accuracy");
    QCOMPARE(accuracy.size(), std::size_t{1});
    QCOMPARE(accuracy[0].step, std::int64_t{300});
    QCOMPARE(accuracy[0].epoch, stepMetrics(runId, 300, 0).epoch);
    QCOMPARE(accuracy[0].wallTimeS, 42.0);
    QCOMPARE(accuracy[0].value, 0.91);

    const std::vector<MetricValue> finals = store.finalMetrics(runId);
    std::vector<std::string> names;
    for (const MetricValue& value : finals) {
        names.push_back(value.name);
    }
    QCOMPARE(names, (std::vector<std::string>{"test/accuracy", "test/loss", "train/loss",
                                              "train/lr", "train/samples_per_s"}));
    QCOMPARE(finals[2].value, 0.30);

    // A run that ends before its first step keeps its final metrics at step 0.
    const std::int64_t early = store.createRun(sampleRun("early"));
    store.apply({RunEnded{early, RunStatus::Failed, "dataset not found", 0.1, {{"x", 1.0}}}});
    QCOMPARE(store.metricSeries(early, "x")[0].step, std::int64_t{0});
    QCOMPARE(store.run(early)->status, RunStatus::Failed);
}

QTEST_GUILESS_MAIN(TestStoreEvents)
#include "tst_storeevents.moc"
