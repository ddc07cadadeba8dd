// Telemetry of a real training run: device samples land with the run, on its time base, and
// turning telemetry off leaves none.
#include "TrainingTestHelpers.h"
#include "engine/store/RunStore.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace tb::engine;
using namespace tb::test;

class TestTrainingTelemetry : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        if (!haveFashionMnist())
            QSKIP("Fashion-MNIST is not installed (apt install dataset-fashion-mnist)");
        QVERIFY(m_dir.isValid());
    }

    void cpuSamplesLandWithTheRun() {
        const std::string db = m_dir.filePath("telemetry.db").toStdString();
        Config config = quickMlpConfig();
        config.set("telemetry.rate_hz", 10.0);
        const FinishedRun run = trainToEnd(config, db);
        QVERIFY2(run.start.started, formatIssues(run.start.issues).c_str());
        QCOMPARE(run.status, RunStatus::Finished);

        const RunStore store = RunStore::open(db, RunStore::Mode::ReadOnly);
        const std::vector<DeviceSample> samples = store.deviceSamples(run.start.runId);
        QVERIFY2(samples.size() >= 3, qPrintable(QString::number(samples.size())));
        double endS = 0.0;
        for (const LogLine& line : store.logs(run.start.runId))
            endS = std::max(endS, line.wallTimeS);
        for (const DeviceSample& s : samples) {
            QCOMPARE(s.device, std::string("cpu"));
            QVERIFY(s.wallTimeS >= 0.0 && s.wallTimeS <= endS + 0.5);
            QVERIFY(s.memoryTotalBytes > 0 && s.memoryUsedBytes > 0);
            QVERIFY(s.allocatedBytes > 0 && s.reservedBytes >= s.allocatedBytes);
            QVERIFY(s.peakBytes >= s.allocatedBytes);
        }
        // Training holds its batches and activations on the C heap.
        QVERIFY(samples.back().peakBytes > samples.front().allocatedBytes);
    }

    void rateZeroTurnsTelemetryOff() {
        const std::string db = m_dir.filePath("off.db").toStdString();
        Config config = quickMlpConfig();
        config.set("telemetry.rate_hz", 0.0);
        config.set("train.max_batches", std::int64_t{20});
        const FinishedRun run = trainToEnd(config, db);
        QVERIFY2(run.start.started, formatIssues(run.start.issues).c_str());
        const RunStore store = RunStore::open(db, RunStore::Mode::ReadOnly);
        QVERIFY(store.deviceSamples(run.start.runId).empty());
    }

    void tooSlowARateIsRefused() {
        Config config = quickMlpConfig();
        config.set("telemetry.rate_hz", 0.05);
        RunController controller;
        RunOptions options;
        options.databasePath = m_dir.filePath("refused.db").toStdString();
        const StartResult result = controller.start(config, options);
        QVERIFY(!result.started);
        QVERIFY2(formatIssues(result.issues).find("telemetry.rate_hz") != std::string::npos,
                 formatIssues(result.issues).c_str());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestTrainingTelemetry)
#include "tst_trainingtelemetry.moc"
