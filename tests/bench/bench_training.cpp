// Time per epoch of an image preset (the default experiment unless named): Trainbench's engine
// against the same model, data, batch size, optimizer and thread count trained by PyTorch in
// Python (train_reference.py), in float32 and with bf16 autocast. Augmentation is turned off on
// both sides: only the training loop is timed. Prints figures; asserts nothing.
//
//   bench_training [fashion-mnist-cnn|fashion-mnist-resnet] [off|bf16 ...]
//       precisions to time (default: both)
#include "ScratchRun.h"
#include "engine/config/ConfigYaml.h"
#include "engine/training/ExperimentSchema.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

using namespace tb::engine;
using tb::bench::median;
using tb::bench::trainInScratch;

namespace {

constexpr int kThreads = 2;
constexpr int kEpochs = 2;

/// train_reference.py's options for the preset's model.
std::string modelArguments(const Config& c) {
    char text[256];
    if (c.getString("model.name") == "resnet")
        std::snprintf(text, sizeof(text), "--model resnet --blocks %lld --width %lld",
                      static_cast<long long>(c.getInt("model.blocks")),
                      static_cast<long long>(c.getInt("model.width")));
    else
        std::snprintf(text, sizeof(text), "--model cnn --channels %lld --hidden %lld --dropout %g",
                      static_cast<long long>(c.getInt("model.channels")),
                      static_cast<long long>(c.getInt("model.hidden")),
                      c.getFloat("model.dropout"));
    return text;
}

std::vector<double> pythonEpochs(const Config& c) {
    char command[1024];
    std::snprintf(command, sizeof(command),
                  "/usr/bin/python3 %s --root %s --threads %d --epochs %d --batch-size %lld "
                  "--optimizer %s --lr %g --momentum %g --weight-decay %g %s --amp %s",
                  TB_BENCH_DIR "/train_reference.py", c.getString("data.root").c_str(), kThreads,
                  kEpochs, static_cast<long long>(c.getInt("train.batch_size")),
                  c.getString("optim.name").c_str(), c.getFloat("optim.lr"),
                  c.getFloat("optim.momentum"), c.getFloat("optim.weight_decay"),
                  modelArguments(c).c_str(), c.getString("train.amp").c_str());
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

/// Times one precision; returns the engine's median epoch (0 when a side failed).
double compare(Config config, const std::string& amp) {
    config.set("train.amp", amp);
    const double python = median(pythonEpochs(config));
    const double engine = median(trainInScratch(config).epochSeconds);
    std::printf("  train.amp %-4s  PyTorch 1.13 in Python : %7.2f s/epoch\n", amp.c_str(), python);
    std::printf("  train.amp %-4s  Trainbench engine (C++): %7.2f s/epoch\n", amp.c_str(), engine);
    if (python > 0.0 && engine > 0.0)
        std::printf("  train.amp %-4s  ratio engine/Python    : %7.3f (target <= 1.0)\n",
                    amp.c_str(), engine / python);
    return python > 0.0 ? engine : 0.0;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> precisions(argv + 1, argv + argc);
    std::string preset = "fashion-mnist-cnn";
    if (!precisions.empty() && precisions.front().rfind("fashion-mnist-", 0) == 0) {
        preset = precisions.front();
        precisions.erase(precisions.begin());
    }
    if (precisions.empty())
        precisions = {"off", "bf16"};
    auto parsed =
        loadConfigFile(std::string(TB_PRESET_DIR) + "/" + preset + ".yaml", experimentSchema());
    if (!parsed.issues.empty()) {
        std::fprintf(stderr, "preset %s: %s\n", preset.c_str(),
                     parsed.issues.front().message.c_str());
        return 2;
    }
    Config config = parsed.config;
    // The whole training file, no validation, checkpoints or augmentation: only the training
    // loop is timed.
    config.set("data.val_fraction", 0.0);
    config.set("data.flip", false);
    config.set("data.crop_padding", std::int64_t{0});
    config.set("train.epochs", std::int64_t{kEpochs});
    config.set("train.checkpoints", false);
    config.set("threads", std::int64_t{kThreads});

    std::printf("training benchmark: %s, model %s, batch %lld, %s, %d threads, %d epochs of "
                "60000 images\n",
                config.getString("name").c_str(), config.getString("model.name").c_str(),
                static_cast<long long>(config.getInt("train.batch_size")),
                config.getString("optim.name").c_str(), kThreads, kEpochs);
    std::vector<double> engineSeconds;
    for (const std::string& amp : precisions) {
        if (amp != "off" && amp != "bf16") {
            std::fprintf(stderr, "usage: bench_training [PRESET] [off|bf16 ...]\n");
            return 2;
        }
        engineSeconds.push_back(compare(config, amp));
    }
    const bool allTimed =
        std::all_of(engineSeconds.begin(), engineSeconds.end(), [](double s) { return s > 0.0; });
    if (allTimed && precisions.size() == 2 && precisions[0] == "off" && precisions[1] == "bf16")
        std::printf("  bf16 speed-up on the engine: %.2fx\n", engineSeconds[0] / engineSeconds[1]);
    return allTimed ? 0 : 1;
}
