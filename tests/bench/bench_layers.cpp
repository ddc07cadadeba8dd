// The engine's layers against LibTorch's: median forward + backward time of Dense against
// torch::nn::Linear's kernel and of Dropout against torch::nn::Dropout, at the shapes the models
// use, on the CPU with the given thread count. Prints figures; asserts nothing. Justifies
// Dense's choice of kernel and its thresholds, and Dropout's mask.
//
//   bench_layers [threads]
#include "engine/models/layers/Dense.h"
#include "engine/models/layers/Dropout.h"
#include "engine/util/BlasThreads.h"
#include "engine/util/HostMemory.h"

#include <ATen/Parallel.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <torch/nn/functional/linear.h>
#include <torch/nn/modules/dropout.h>

using tb::engine::Dense;
using tb::engine::Dropout;

namespace {

struct Shape {
    const char* where;
    std::int64_t rows, in, out;
};

constexpr Shape kShapes[] = {
    {"Informer feed-forward in", 32 * 72, 512, 2048},
    {"Informer feed-forward out", 32 * 72, 2048, 512},
    {"Informer attention projection", 32 * 72, 512, 512},
    {"PatchTST queries/keys/values", 128 * 7 * 42, 16, 48},
    {"PatchTST feed-forward in", 128 * 7 * 42, 16, 128},
    {"PatchTST feed-forward out", 128 * 7 * 42, 128, 16},
    {"PatchTST patch embedding", 128 * 7 * 42, 16, 16},
    {"PatchTST head", 128 * 7, 16 * 42, 96},
    {"DLinear (shared)", 32 * 7, 336, 96},
    {"CNN head (Fashion-MNIST)", 128, 3136, 128},
};

struct DropoutShape {
    const char* where;
    std::int64_t rows, width;
    double p;
};

constexpr DropoutShape kDropoutShapes[] = {
    {"PatchTST feed-forward", 128 * 7 * 43, 128, 0.3},
    {"PatchTST attention output", 128 * 7 * 43, 16, 0.3},
    {"Informer feed-forward", 32 * 72, 2048, 0.05},
    {"CNN head (Fashion-MNIST)", 128, 128, 0.25},
};

/// Milliseconds of one forward + backward pass.
template <typename Forward> double millis(Forward forward, const torch::Tensor& x) {
    const auto start = std::chrono::steady_clock::now();
    forward(x).sum().backward();
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    return took.count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

/// Medians of `rounds` alternating passes of the two, after two warm-up rounds: both kernels see
/// the same state of the machine (a kernel timed right after the other's threads went to sleep
/// pays their wake-up).
template <typename First, typename Second>
std::pair<double, double> alternating(First first, Second second, const torch::Tensor& x) {
    std::vector<double> firstMs, secondMs;
    for (int round = 0; round < 2 + 20; ++round) {
        const double a = millis(first, x);
        const double b = millis(second, x);
        if (round >= 2) {
            firstMs.push_back(a);
            secondMs.push_back(b);
        }
    }
    return {median(firstMs), median(secondMs)};
}

void timeDense() {
    std::printf("| layer | rows x in -> out | Linear ms | Dense ms | kernel | ratio |\n");
    std::printf("|---|---|---|---|---|---|\n");
    for (const auto& s : kShapes) {
        Dense layer(s.in, s.out);
        const auto x = torch::randn({s.rows, s.in}).requires_grad_(true);
        const auto linearPass = [&](const torch::Tensor& in) {
            return torch::nn::functional::linear(in, layer->weight, layer->bias);
        };
        const auto densePass = [&](const torch::Tensor& in) { return layer->forward(in); };
        const auto [linear, dense] = alternating(linearPass, densePass, x);
        std::printf("| %s | %lld x %lld -> %lld | %.2f | %.2f | %s | %.2f |\n", s.where,
                    static_cast<long long>(s.rows), static_cast<long long>(s.in),
                    static_cast<long long>(s.out), linear, dense,
                    layer->usesOneDnn(x) ? "oneDNN" : "BLAS", dense / linear);
    }
}

void timeDropout() {
    std::printf("| dropout | rows x width, p | torch::nn::Dropout ms | Dropout ms | ratio |\n");
    std::printf("|---|---|---|---|---|\n");
    for (const auto& s : kDropoutShapes) {
        torch::nn::Dropout theirs(s.p);
        Dropout ours(s.p);
        const auto x = torch::randn({s.rows, s.width}).requires_grad_(true);
        const auto theirPass = [&](const torch::Tensor& in) { return theirs->forward(in); };
        const auto ourPass = [&](const torch::Tensor& in) { return ours->forward(in); };
        const auto [their, our] = alternating(theirPass, ourPass, x);
        std::printf("| %s | %lld x %lld, %.2f | %.2f | %.2f | %.2f |\n", s.where,
                    static_cast<long long>(s.rows), static_cast<long long>(s.width), s.p, their,
                    our, our / their);
    }
}

} // namespace

int main(int argc, char** argv) {
    const int threads = argc > 1 ? std::atoi(argv[1]) : 2;
    at::set_num_threads(threads);
    tb::engine::keepFreedHostMemory();     // as the engine runs: no fresh pages for every tensor
    tb::engine::keepBlasOnCallingThread(); // and no spinning OpenBLAS pool beside LibTorch's
    std::printf("threads %d, oneDNN %s\n\n", threads, at::hasMKLDNN() ? "yes" : "no");
    timeDense();
    std::printf("\n");
    timeDropout();
    return 0;
}
