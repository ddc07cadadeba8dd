// What data-parallel training adds to a step: the median time of DataParallel::averageGradients
// (one flat all-reduce over Gloo on localhost, two processes) for gradient sets the size of the
// presets' models. Prints figures; asserts nothing.
//
//   bench_dataparallel [rounds]
#include "engine/training/DataParallel.h"
#include "engine/util/HostMemory.h"
#include "engine/util/LocalPort.h"

#include <ATen/Parallel.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>
#include <unistd.h>

using namespace tb::engine;

namespace {

struct GradientSet {
    const char* what;
    std::int64_t parameters; ///< as the run log of the preset reports them
};

constexpr GradientSet kSets[] = {
    {"DLinear, dlinear-etth1-96", 64'704},       {"PatchTST, patchtst-etth1-96", 81'742},
    {"MLP, fashion-mnist-mlp", 269'322},         {"CNN, fashion-mnist-cnn", 421'738},
    {"Informer, informer-etth1-24", 11'330'055},
};

/// Ten gradient tensors (a model has several layers) holding `parameters` values in all.
std::vector<torch::Tensor> parametersWithGradients(std::int64_t parameters) {
    std::vector<torch::Tensor> weights;
    for (int i = 0; i < 10; ++i) {
        const std::int64_t size = i < 9 ? parameters / 10 : parameters - 9 * (parameters / 10);
        weights.push_back(torch::zeros({size}).requires_grad_(true));
        weights.back().mutable_grad() = torch::ones({size});
    }
    return weights;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[values.size() / 2];
}

/// One rank's part: the median milliseconds of averageGradients for each gradient set.
std::vector<double> timeRank(int rank, int port, int rounds) {
    at::set_num_threads(1); // as `--nproc 2` gives each process of a 2-core machine
    ProcessGroupSpec spec;
    spec.rank = rank;
    spec.worldSize = 2;
    spec.masterPort = port;
    DataParallel group(spec);
    std::vector<double> medians;
    for (const GradientSet& set : kSets) {
        const std::vector<torch::Tensor> weights = parametersWithGradients(set.parameters);
        std::vector<double> ms;
        for (int round = 0; round < rounds + 3; ++round) {
            const auto start = std::chrono::steady_clock::now();
            group.averageGradients(weights, false);
            if (round >= 3) // warm-up: connections, buffers
                ms.push_back(std::chrono::duration<double, std::milli>(
                                 std::chrono::steady_clock::now() - start)
                                 .count());
        }
        medians.push_back(median(ms));
    }
    return medians;
}

} // namespace

int main(int argc, char** argv) {
    if (const std::string reason = dataParallelUnavailableReason(); !reason.empty()) {
        std::fprintf(stderr, "%s\n", reason.c_str());
        return 1;
    }
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
    keepFreedHostMemory(); // as a run does
    const int port = freeLocalPort();
    // Rank 1 is a child process, as with `--nproc 2`, forked before LibTorch starts a thread.
    const pid_t child = ::fork();
    if (child == 0) {
        timeRank(1, port, rounds);
        ::_exit(0);
    }
    const std::vector<double> ms = timeRank(0, port, rounds);
    int status = 0;
    ::waitpid(child, &status, 0);
    std::printf("data-parallel gradient averaging: 2 processes of 1 thread, Gloo over localhost, "
                "median of %d steps\n",
                rounds);
    for (std::size_t i = 0; i < ms.size(); ++i) {
        const double mb = static_cast<double>(kSets[i].parameters) * 4.0 / 1e6;
        std::printf("  %-30s %10lld parameters %7.2f MB %8.2f ms a step\n", kSets[i].what,
                    static_cast<long long>(kSets[i].parameters), mb, ms[i]);
    }
    return 0;
}
