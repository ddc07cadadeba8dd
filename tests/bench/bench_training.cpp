// Time per epoch of the default experiment: Trainbench's engine against the same model, data,
// batch size, optimizer and thread count trained by PyTorch in Python (train_reference.py).
// Prints figures; asserts nothing.
#include "ScratchRun.h"
#include "engine/config/ConfigYaml.h"
#include "engine/training/ExperimentSchema.h"

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

using namespace tb::engine;
using tb::bench::median;
using tb::bench::trainInScratch;

namespace {

constexpr int kThreads = 2;
constexpr int kEpochs = 2;

std::vector<double> pythonEpochs(const Config& c) {
    char command[1024];
    std::snprintf(command, sizeof(command),
                  "/usr/bin/python3 %s --root %s --threads %d --epochs %d --batch-size %lld "
                  "--lr %g --weight-decay %g --channels %lld --hidden %lld --dropout %g",
                  TB_BENCH_DIR "/train_reference.py", c.getString("data.root").c_str(), kThreads,
                  kEpochs, static_cast<long long>(c.getInt("train.batch_size")),
                  c.getFloat("optim.lr"), c.getFloat("optim.weight_decay"),
                  static_cast<long long>(c.getInt("model.channels")),
                  static_cast<long long>(c.getInt("model.hidden")), c.getFloat("model.dropout"));
    std::vector<double> seconds;
    FILE* pipe = popen(command, "r");
    if (!pipe)
        return seconds;
    int epoch = 0;
    double s = 0.0;
    while (std::fscanf(pipe, "epoch %d %lf\n", &epoch, &s) == 2)
        seconds.push_back(s);
    pclose(pipe);
    return seconds;
}

} // namespace

int main() {
    auto parsed = loadConfigFile(TB_PRESET_DIR "/fashion-mnist-cnn.yaml", experimentSchema());
    Config config = parsed.config;
    // The whole training file, no validation or checkpoints: only the training loop is timed.
    config.set("data.val_fraction", 0.0);
    config.set("train.epochs", std::int64_t{kEpochs});
    config.set("train.checkpoints", false);
    config.set("threads", std::int64_t{kThreads});

    std::printf("training benchmark: %s, model %s, batch %lld, %s, %d threads, %d epochs of "
                "60000 images\n",
                config.getString("name").c_str(), config.getString("model.name").c_str(),
                static_cast<long long>(config.getInt("train.batch_size")),
                config.getString("optim.name").c_str(), kThreads, kEpochs);
    const double python = median(pythonEpochs(config));
    const double engine = median(trainInScratch(config).epochSeconds);
    std::printf("  PyTorch 1.13 in Python : %7.2f s/epoch\n", python);
    std::printf("  Trainbench engine (C++): %7.2f s/epoch\n", engine);
    if (python > 0.0 && engine > 0.0)
        std::printf("  ratio engine/Python    : %7.3f (target <= 1.0)\n", engine / python);
    return python > 0.0 && engine > 0.0 ? 0 : 1;
}
