// What the charts draw: a run's curves from live events and from the store.
#include "UiTestHelpers.h"
#include "engine/store/RunStore.h"
#include "ui/trace/RunTrace.h"
#include "ui/trace/RunTraceLoader.h"

#include <QSignalSpy>
#include <QtTest>

using namespace tb::engine;
using tb::ui::EventBatch;
using tb::ui::RunTrace;
using tb::ui::XAxisMode;

class TestRunTrace : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void liveEventsBecomeSeries() {
        RunTrace trace;
        QSignalSpy appended(&trace, &RunTrace::appended);
        trace.append(
            {RunStarted{7, "mlp", "cpu", 2, 100, 0.0},
             StepMetrics{7, 50, 1, 5.0, 1000, 10, {{"train/loss", 0.9}, {"train/lr", 0.1}}},
             StepMetrics{7, 100, 1, 10.0, 1000, 10, {{"train/loss", 0.7}}},
             EpochSummary{7, 1, 100, 10.5, 10.5, 1000, {{"train/loss", 0.75}, {"val/loss", 0.8}}},
             StepMetrics{7, 150, 2, 15.0, 1000, 5, {{"train/loss", 0.6}}}});
        QCOMPARE(appended.count(), 1);
        QCOMPARE(trace.info().runId, qint64{7});
        QCOMPARE(trace.info().stepsPerEpoch, qint64{100});

        const auto& loss = trace.metrics().at("train/loss");
        // The epoch summary restates step 100's loss: it replaces the point, not adds one.
        QCOMPARE(loss.step, (std::vector<double>{50, 100, 150}));
        QCOMPARE(loss.value, (std::vector<double>{0.9, 0.75, 0.6}));
        QCOMPARE(loss.epoch, (std::vector<double>{0.5, 1.0, 1.5}));
        QCOMPARE(loss.x(XAxisMode::WallTime), (std::vector<double>{5.0, 10.5, 15.0}));
        QCOMPARE(trace.metrics().at("val/loss").size(), std::size_t{1});
        QCOMPARE(trace.epochMarks().size(), std::size_t{1});
        QCOMPARE(trace.epochMarks().front().step, 100.0);
    }

    void finalMetricsLandAtTheLastStep() {
        RunTrace trace;
        trace.append({RunStarted{2, "x", "cpu", 1, 40, 0.0},
                      StepMetrics{2, 40, 1, 4.0, 0, 0, {{"train/loss", 0.5}}},
                      RunEnded{2, RunStatus::Finished, "", 5.0, {{"test/accuracy", 0.91}}}});
        const auto& test = trace.metrics().at("test/accuracy");
        QCOMPARE(test.step, std::vector<double>{40});
        QCOMPARE(test.epoch, std::vector<double>{1.0});
        QCOMPARE(test.value, std::vector<double>{0.91});
        QCOMPARE(trace.info().status, QStringLiteral("finished"));
    }

    void deviceSamplesLineUpWithSteps() {
        RunTrace trace;
        trace.append({RunStarted{1, "x", "cpu", 1, 200, 0.0},
                      StepMetrics{1, 100, 1, 10.0, 0, 0, {{"train/loss", 1}}},
                      StepMetrics{1, 200, 1, 20.0, 0, 0, {{"train/loss", 1}}},
                      DeviceSample{1, "cpu", 15.0, 80.0, 1000, 4000}});
        const auto& cpu = trace.devices().at("cpu");
        QCOMPARE(cpu.memoryUsedBytes.front(), 1000.0);
        QCOMPARE(cpu.memoryTotalBytes, 4000.0);
        QVERIFY(std::isnan(cpu.allocatedBytes.front())); // -1 means unknown
        QCOMPARE(trace.xAtWallTime(15.0, XAxisMode::WallTime), 15.0);
        QCOMPARE(trace.xAtWallTime(15.0, XAxisMode::Step), 150.0);
        QCOMPARE(trace.xAtWallTime(15.0, XAxisMode::Epoch), 0.75);
        QCOMPARE(trace.xAtWallTime(5.0, XAxisMode::Step), 50.0);   // from (0 s, step 0)
        QCOMPARE(trace.xAtWallTime(99.0, XAxisMode::Step), 200.0); // held at the last step
    }

    // The live events carry the epoch's time and throughput, as the store keeps them.
    void liveEpochsHaveTheirDurationAndThroughput() {
        RunTrace trace;
        trace.append({RunStarted{7, "mlp", "cpu", 1, 100, 0.0},
                      StepMetrics{7, 100, 1, 10.0, 1200, 0, {{"train/loss", 0.7}}},
                      EpochSummary{7, 1, 100, 10.5, 10.25, 1000, {{"train/loss", 0.75}}}});
        QCOMPARE(trace.metrics().at(kStepSamplesPerSecMetric).value, std::vector<double>{1200});
        QCOMPARE(trace.metrics().at(kEpochDurationMetric).value, std::vector<double>{10.25});
        QCOMPARE(trace.metrics().at(kEpochSamplesPerSecMetric).value, std::vector<double>{1000});
    }

    // A continued run's live charts start from its stored curves, which may already hold the
    // first live events: those are not drawn twice.
    void liveEventsAlreadyReadFromTheStoreAreNotRepeated() {
        RunTrace trace;
        const EventBatch stored{RunStarted{7, "mlp", "cpu", 2, 100, 0.0},
                                StepMetrics{7, 100, 1, 10.0, 1000, 10, {{"train/loss", 0.7}}},
                                EpochSummary{7, 1, 100, 10.5, 10.5, 1000, {{"val/loss", 0.8}}},
                                DeviceSample{7, "cpu", 11.0, 80.0, 1000, 4000},
                                StepMetrics{7, 150, 2, 15.0, 1000, 5, {{"train/loss", 0.6}}}};
        trace.append(stored);
        trace.append({stored[1], stored[2], stored[3], stored[4],
                      StepMetrics{7, 200, 2, 20.0, 1000, 0, {{"train/loss", 0.5}}}});
        QCOMPARE(trace.metrics().at("train/loss").step, (std::vector<double>{100, 150, 200}));
        QCOMPARE(trace.metrics().at("val/loss").size(), std::size_t{1});
        QCOMPARE(trace.epochMarks().size(), std::size_t{1});
        QCOMPARE(trace.devices().at("cpu").size(), std::size_t{1});
    }

    void restartForgetsTheOldRun() {
        RunTrace trace;
        trace.append({StepMetrics{1, 1, 1, 1.0, 0, 0, {{"train/loss", 1}}}});
        QSignalSpy cleared(&trace, &RunTrace::cleared);
        trace.restart({});
        QCOMPARE(cleared.count(), 1);
        QVERIFY(trace.metrics().empty());
    }

    void loadsAStoredRun() {
        RunStore store = RunStore::openInMemory();
        const auto id = tb::test::storeRun(store, "stored", "cpu", 3, 10, RunStatus::Finished);
        RunTrace trace;
        tb::ui::loadRunTrace(store, id, trace);
        QCOMPARE(trace.info().name, QStringLiteral("stored"));
        QCOMPARE(trace.info().status, QStringLiteral("finished"));
        QCOMPARE(trace.info().stepsPerEpoch, qint64{10});
        QCOMPARE(trace.metrics().at("train/loss").size(), std::size_t{30});
        QCOMPARE(trace.metrics().at("val/accuracy").size(), std::size_t{3});
        QCOMPARE(trace.metrics().at("train/loss").epoch.back(), 3.0);
        QCOMPARE(trace.epochMarks().size(), std::size_t{3});
        QCOMPARE(trace.epochMarks()[1].step, 20.0);
        QCOMPARE(trace.devices().at("cpu").size(), std::size_t{3});
    }

    void aStoredRunNamesItsPrecision() {
        RunStore store = RunStore::openInMemory();
        RunRecord mixed;
        mixed.name = "mixed";
        mixed.device = "cpu";
        mixed.configYaml = "name: mixed\ntrain:\n  amp: bf16\n  future_field: 1\n";
        RunTrace trace;
        tb::ui::loadRunTrace(store, store.createRun(mixed), trace);
        QCOMPARE(trace.info().precision, QStringLiteral("bf16"));

        // float32, and runs stored before the field existed
        const auto plain = tb::test::storeRun(store, "plain", "cpu", 1, 2, RunStatus::Finished);
        tb::ui::loadRunTrace(store, plain, trace);
        QVERIFY(trace.info().precision.isEmpty());
    }

    void anInterruptedEpochIsNotMarkedAsEnded() {
        RunStore store = RunStore::openInMemory();
        const auto id = tb::test::storeRun(store, "stopped", "cpu", 2, 10, RunStatus::Stopped);
        RunTrace trace;
        tb::ui::loadRunTrace(store, id, trace);
        QCOMPARE(trace.epochMarks().size(), std::size_t{1});
    }

    void aMissingRunIsAnError() {
        RunStore store = RunStore::openInMemory();
        RunTrace trace;
        QVERIFY_THROWS_EXCEPTION(StoreError, tb::ui::loadRunTrace(store, 404, trace));
    }
};

QTEST_GUILESS_MAIN(TestRunTrace)
#include "tst_runtrace.moc"
