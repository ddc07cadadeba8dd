#include "TrainingTestHelpers.h"

#include "engine/training/ExperimentSchema.h"

#include <filesystem>

namespace tb::test {
using namespace tb::engine;

const char* const kFashionMnistRoot = "/usr/share/datasets/fashion-mnist";

bool haveFashionMnist() {
    return std::filesystem::exists(std::string(kFashionMnistRoot) + "/train-images-idx3-ubyte.gz");
}

Config quickMlpConfig() {
    Config c(experimentSchema());
    c.set("name", std::string("quick-mlp"));
    c.set("data.root", std::string(kFashionMnistRoot));
    c.set("model.name", std::string("mlp"));
    c.set("model.hidden", std::int64_t{64});
    c.set("model.layers", std::int64_t{1});
    c.set("optim.name", std::string("adam"));
    c.set("optim.lr", 2e-3);
    c.set("train.epochs", std::int64_t{1});
    c.set("train.batch_size", std::int64_t{256});
    c.set("train.log_every", std::int64_t{10});
    c.set("threads", std::int64_t{2});
    return c;
}

Config quickFolderConfig(const QString& root) {
    Config c(experimentSchema());
    c.set("data.kind", std::string("folder"));
    c.set("data.root", root.toStdString());
    c.set("model.name", std::string("cnn"));
    c.set("model.channels", std::int64_t{4});
    c.set("train.batch_size", std::int64_t{8});
    c.set("train.epochs", std::int64_t{2});
    c.set("threads", std::int64_t{2});
    return c;
}

FinishedRun trainToEnd(const Config& config, const std::string& databasePath) {
    FinishedRun out;
    RunController controller;
    RunOptions options;
    options.databasePath = databasePath;
    out.start = controller.start(config, options);
    if (out.start.started)
        out.status = controller.wait();
    return out;
}

std::vector<double> curve(const std::string& databasePath, std::int64_t runId,
                          const std::string& metric) {
    std::vector<double> values;
    const RunStore store = RunStore::open(databasePath, RunStore::Mode::ReadOnly);
    for (const MetricPoint& p : store.metricSeries(runId, metric))
        values.push_back(p.value);
    return values;
}

} // namespace tb::test
