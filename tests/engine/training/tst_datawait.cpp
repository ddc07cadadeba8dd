// How much of an epoch the training loop spent waiting for its batches: the share every epoch
// reports, so that a run starved by its loader shows it.
#include "TrainingTestHelpers.h"
#include "engine/models/ModelRegistry.h"
#include "engine/training/Trainer.h"

#include <ATen/Parallel.h>
#include <QtTest>
#include <chrono>
#include <thread>

using namespace tb::engine;

namespace {

/// Fashion-MNIST-shaped zeros, each batch 50 ms late: far longer than the small model takes to
/// train on it, even on a machine busy with other tests.
class SlowDataset final : public Dataset {
public:
    std::int64_t size() const override { return 64; }
    Batch gather(const std::vector<std::int64_t>& indices) const override {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const auto n = static_cast<std::int64_t>(indices.size());
        return {torch::zeros({n, 1, 28, 28}), torch::zeros({n}, torch::kLong), {}, {}};
    }
};

class Recorder final : public EventObserver {
public:
    void onEvent(const Event& event) override {
        if (const auto* epoch = std::get_if<EpochSummary>(&event))
            epochs.push_back(*epoch);
        if (const auto* line = std::get_if<LogLine>(&event))
            lines.push_back(line->text);
    }
    std::vector<EpochSummary> epochs;
    std::vector<std::string> lines;
};

} // namespace

class TestDataWait : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aSlowLoaderShowsInTheEpochsShare() {
        Config config = tb::test::quickMlpConfig();
        config.set("train.batch_size", std::int64_t{8});
        config.set("data.num_workers", std::int64_t{0});
        DataSplits data;
        data.train = std::make_shared<SlowDataset>();
        data.task = "classification";
        data.sampleShape = {1, 28, 28};
        data.numClasses = 10;
        std::shared_ptr<Model> model = findModelFamily("mlp")->build(config, data);
        auto recorder = std::make_shared<Recorder>();
        const EventPublisher events(1, {recorder}, 0.0);
        RunCommands commands;
        at::set_num_threads(1); // as RunController does for `threads`: no waits on a busy core
        Trainer trainer({config, data, model, "cpu", "", std::nullopt, std::nullopt, "",
                         RandomStream(1, torch::kCPU)},
                        events, commands);

        const RunEnded ended = trainer.run();
        QCOMPARE(ended.status, RunStatus::Finished);
        QCOMPARE(recorder->epochs.size(), std::size_t{1});
        // 8 batches of 50 ms each against about a millisecond of training each.
        const std::vector<MetricValue>& values = recorder->epochs.front().values;
        const auto reported = std::find_if(values.begin(), values.end(), [](const MetricValue& v) {
            return v.name == kEpochDataWaitMetric;
        });
        QVERIFY(reported != values.end());
        const double share = reported->value;
        QVERIFY2(share > 0.5 && share <= 1.0, qPrintable(QString::number(share)));
        const std::string percent = std::to_string(std::lround(share * 100.0));
        const bool logged =
            std::any_of(recorder->lines.begin(), recorder->lines.end(), [&](const std::string& l) {
                return l.find(", " + percent + "% of it waiting for data: ") != std::string::npos;
            });
        QVERIFY2(logged, "the epoch's log line says it");
    }
};

QTEST_GUILESS_MAIN(TestDataWait)
#include "tst_datawait.moc"
