// SpeedLedger: the same experiment's typical epoch on every device the workspace ran it on.
#include "engine/store/RunStore.h"
#include "engine/store/SpeedLedger.h"
#include "tests/engine/store/StoreTestHelpers.h"

#include <QtTest>

using namespace tb::engine;
using tb::test::storeTimedRun;
using tb::test::TimedRun;

namespace {

TimedRun timed(std::vector<double> epochSeconds, const std::string& device = "cpu",
               const std::string& host = "laptop") {
    TimedRun run;
    run.epochSeconds = std::move(epochSeconds);
    run.device = device;
    run.host = host;
    return run;
}

TimedRun withStatus(TimedRun run, RunStatus status) {
    run.status = status;
    return run;
}

TimedRun withConfig(TimedRun run, const std::string& config) {
    run.config = config;
    return run;
}

std::string withBatchSize(int batchSize) {
    return "name: cnn\nseed: 1\ntrain:\n  epochs: 3\n  batch_size: " + std::to_string(batchSize) +
           "\n";
}

} // namespace

class TestSpeedLedger : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theSameExperimentOnEachDevice() {
        RunStore store = RunStore::openInMemory();
        // The first epoch of each run is warm-up and left out: medians 25.5 and 27 on the CPU.
        const auto cpu1 = storeTimedRun(store, timed({30.0, 25.0, 26.0}));
        TimedRun otherSeed = timed({40.0, 27.0});
        otherSeed.config = "name: cnn-lr\nseed: 7\ndevice: cpu\noptim:\n  lr: 0.01\n"
                           "train:\n  epochs: 2\n  batch_size: 64\n";
        otherSeed.name = "cnn-lr";
        const auto cpu2 = storeTimedRun(store, otherSeed);
        const auto gpu = storeTimedRun(store, timed({3.0, 2.0, 2.0}, "cuda:0"));

        const SpeedLedger ledger = SpeedLedger::fromStore(store);
        QCOMPARE(ledger.rows().size(), std::size_t{1});
        const SpeedRow& row = ledger.rows().front();
        QCOMPARE(row.experiment, std::string("cnn")); // named by its latest run
        QCOMPARE(row.cells.size(), std::size_t{2});
        const SpeedCell& fastest = row.cells[0];
        QCOMPARE(fastest.device, std::string("cuda:0"));
        QCOMPARE(fastest.runIds, std::vector<std::int64_t>{gpu});
        QCOMPARE(fastest.epochSeconds, 2.0);
        QCOMPARE(fastest.samplesPerSec, 3200.0);
        QCOMPARE(fastest.timesFastest, 1.0);
        const SpeedCell& cpu = row.cells[1];
        QCOMPARE(cpu.device, std::string("cpu"));
        QCOMPARE(cpu.runIds, (std::vector<std::int64_t>{cpu2, cpu1}));
        QCOMPARE(cpu.epochSeconds, 26.25);
        QCOMPARE(cpu.timesFastest, 13.125);
        QCOMPARE(ledger.devices(), (std::vector<std::string>{"cpu", "cuda:0"}));
    }

    void aFieldThatChangesTheWorkSplitsTheExperiment() {
        RunStore store = RunStore::openInMemory();
        storeTimedRun(store, withConfig(timed({10.0}), withBatchSize(64)));
        storeTimedRun(store, withConfig(timed({6.0}), withBatchSize(256)));
        const SpeedLedger ledger = SpeedLedger::fromStore(store);
        QCOMPARE(ledger.rows().size(), std::size_t{2});
        // In the order of the values that tell them apart: 64 before 256.
        QCOMPARE(ledger.rows()[0].experiment, std::string("cnn (train.batch_size=64)"));
        QCOMPARE(ledger.rows()[1].experiment, std::string("cnn (train.batch_size=256)"));
        QCOMPARE(ledger.rows()[1].cells.front().epochSeconds, 6.0); // a single epoch counts
    }

    // A sweep over the learning rate and the batch size: its runs' names carry both, but only
    // the batch size sets the work, so a row of several learning rates names none of them.
    void aSweepsRowsAreNamedByWhatSetsTheWork() {
        RunStore store = RunStore::openInMemory();
        for (const double lr : {0.001, 0.01}) {
            for (const int batch : {64, 256}) {
                TimedRun run =
                    withConfig(timed({10.0}),
                               withBatchSize(batch) + "optim:\n  lr: " + std::to_string(lr) + "\n");
                run.name = "cnn (optim.lr=" + std::to_string(lr) +
                           ", train.batch_size=" + std::to_string(batch) + ")";
                storeTimedRun(store, run);
            }
        }
        const SpeedLedger ledger = SpeedLedger::fromStore(store);
        QCOMPARE(ledger.rows().size(), std::size_t{2});
        QCOMPARE(ledger.rows()[0].experiment, std::string("cnn (train.batch_size=64)"));
        QCOMPARE(ledger.rows()[0].cells.front().runIds.size(), std::size_t{2});
        QCOMPARE(ledger.rows()[1].experiment, std::string("cnn (train.batch_size=256)"));
    }

    void hostsTellTheirCpusApart() {
        RunStore store = RunStore::openInMemory();
        storeTimedRun(store, timed({20.0}, "cpu", "laptop"));
        storeTimedRun(store, timed({5.0}, "cpu", "server"));
        const SpeedLedger ledger = SpeedLedger::fromStore(store);
        QCOMPARE(ledger.devices(), (std::vector<std::string>{"cpu @ laptop", "cpu @ server"}));
        QCOMPARE(ledger.rows().front().cells.back().timesFastest, 4.0);
    }

    void columnsAreDeviceModels() {
        RunStore store = RunStore::openInMemory();
        // Trained before models were recorded: named after what cuda:0 of its host is now.
        const auto unrecorded = storeTimedRun(store, timed({12.0}, "cuda:0", "gpu-box"));
        TimedRun a100 = timed({10.0}, "cuda:0", "gpu-box");
        a100.deviceName = "NVIDIA A100-SXM4-80GB";
        const auto first = storeTimedRun(store, a100);
        a100.device = "cuda:1";
        const auto second = storeTimedRun(store, a100);
        TimedRun h100 = timed({4.0}, "cuda:2", "gpu-box");
        h100.deviceName = "NVIDIA H100 80GB HBM3";
        storeTimedRun(store, h100);

        const SpeedLedger ledger = SpeedLedger::fromStore(store);
        QCOMPARE(ledger.devices(),
                 (std::vector<std::string>{"NVIDIA A100-SXM4-80GB", "NVIDIA H100 80GB HBM3"}));
        const SpeedCell& a100Cell = ledger.rows().front().cells.back();
        QCOMPARE(a100Cell.device, std::string("NVIDIA A100-SXM4-80GB"));
        QCOMPARE(a100Cell.runIds, (std::vector<std::int64_t>{second, first, unrecorded}));
        QCOMPARE(a100Cell.timesFastest, 2.5);
    }

    void onlyEndedRunsWithTimedEpochsCount() {
        RunStore store = RunStore::openInMemory();
        storeTimedRun(store, withStatus(timed({9.0, 9.0}), RunStatus::Running));
        storeTimedRun(store, withStatus(timed({9.0, 9.0}), RunStatus::Failed));
        storeTimedRun(store, timed({}));
        QVERIFY(SpeedLedger::fromStore(store).empty());
        const auto stopped =
            storeTimedRun(store, withStatus(timed({9.0, 8.0}), RunStatus::Stopped));
        const SpeedLedger ledger = SpeedLedger::fromStore(store);
        QCOMPARE(ledger.rows().size(), std::size_t{1});
        QCOMPARE(ledger.rows().front().cells.front().runIds, std::vector<std::int64_t>{stopped});
    }

    void anUnreadableConfigIsLeftOutWithANote() {
        RunStore store = RunStore::openInMemory();
        const auto broken = storeTimedRun(store, withConfig(timed({1.0}), "train: [unclosed"));
        storeTimedRun(store, timed({2.0}));
        const SpeedLedger ledger = SpeedLedger::fromStore(store);
        QCOMPARE(ledger.rows().size(), std::size_t{1});
        QCOMPARE(ledger.skipped().size(), std::size_t{1});
        QVERIFY2(ledger.skipped().front().rfind("run " + std::to_string(broken) + ":", 0) == 0,
                 ledger.skipped().front().c_str());
    }
};

QTEST_GUILESS_MAIN(TestSpeedLedger)
#include "tst_speedledger.moc"
