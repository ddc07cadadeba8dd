// What telemetry costs a training run: the time one reading of each device takes, and the
// default experiment's epoch time with telemetry at 10 Hz against telemetry off, alternating
// runs so that drift of the machine hits both alike. Prints figures; asserts nothing.
//
//   bench_telemetry [rounds=3] [batches per epoch=100]     (rounds 0: the reading costs only)
#include "ScratchRun.h"
#include "engine/config/ConfigYaml.h"
#include "engine/devices/DeviceBackends.h"
#include "engine/training/ExperimentSchema.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace tb::engine;
using tb::bench::median;
using tb::bench::ScratchRun;
using tb::bench::trainInScratch;

namespace {

constexpr int kThreads = 2;
constexpr int kEpochs = 2;
constexpr int kReads = 200;

/// Microseconds one reading of each usable device's telemetry takes.
void printReadingCosts() {
    std::printf("one reading (median of %d):\n", kReads);
    for (const auto& backend : deviceBackends()) {
        for (const DeviceInfo& device : backend->devices()) {
            if (!device.available)
                continue;
            int index = 0;
            backendFor(device.id, index);
            const auto source = backend->telemetry(index);
            if (!source)
                continue;
            std::vector<double> us;
            for (int i = 0; i < kReads; ++i) {
                const auto start = std::chrono::steady_clock::now();
                source->read();
                us.push_back(std::chrono::duration<double, std::micro>(
                                 std::chrono::steady_clock::now() - start)
                                 .count());
            }
            const double each = median(us);
            std::printf("  %-8s %8.1f us; at 10 Hz %.4f%% of one core\n", device.id.c_str(), each,
                        each * 10.0 / 1e6 * 100.0);
        }
    }
}

std::vector<double> epochTimes(Config config, double rateHz) {
    config.set("telemetry.rate_hz", rateHz);
    const ScratchRun run = trainInScratch(config);
    if (!run.started)
        std::exit(1);
    return run.epochSeconds;
}

void printSpread(const char* label, std::vector<double> s) {
    std::sort(s.begin(), s.end());
    std::printf("  %-22s median %6.3f s/epoch (min %6.3f, max %6.3f, %zu epochs)\n", label,
                median(s), s.front(), s.back(), s.size());
}

} // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 3;
    const long long batches = argc > 2 ? std::atoll(argv[2]) : 100;
    printReadingCosts();
    if (rounds < 1)
        return 0;

    Config config =
        loadConfigFile(TB_PRESET_DIR "/fashion-mnist-cnn.yaml", experimentSchema()).config;
    config.set("data.val_fraction", 0.0);
    config.set("train.epochs", std::int64_t{kEpochs});
    config.set("train.max_batches", static_cast<std::int64_t>(batches));
    config.set("train.checkpoints", false);
    config.set("threads", std::int64_t{kThreads});
    std::printf("training: %s, %lld batches of %lld an epoch, %d epochs a run, %d threads, "
                "%d rounds of (off, 10 Hz)\n",
                config.getString("name").c_str(), batches,
                static_cast<long long>(config.getInt("train.batch_size")), kEpochs, kThreads,
                rounds);
    std::vector<double> off;
    std::vector<double> on;
    for (int round = 0; round < rounds; ++round) {
        for (const double s : epochTimes(config, 0.0))
            off.push_back(s);
        for (const double s : epochTimes(config, 10.0))
            on.push_back(s);
    }
    printSpread("telemetry off", off);
    printSpread("telemetry at 10 Hz", on);
    std::printf("  ratio 10 Hz / off      %6.4f (target: under 1.01)\n", median(on) / median(off));
    return 0;
}
