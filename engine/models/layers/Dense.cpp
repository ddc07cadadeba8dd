#include "engine/models/layers/Dense.h"

#include <ATen/Context.h>
#include <cmath>
#include <ostream>
#include <torch/nn/functional/linear.h>
#include <torch/nn/init.h>

namespace tb::engine {
namespace {

/// Below this many multiply-adds per call the two kernels take the same time
/// (bench_layers: 224 rows x 336 -> 96 ties, 896 x 672 -> 96 is 2-4x faster through oneDNN).
constexpr double kOneDnnMinMacs = 16.0 * 1024 * 1024;
/// Narrow layers keep BLAS. With outputs under 32 wide oneDNN's convolution is slower
/// (bench_layers: PatchTST's 128 -> 16 feed-forward takes 1.3-1.5x Linear's time). With inputs
/// under 32 wide it is faster alone but not inside the model: its output comes transposed,
/// and the element-wise passes and gradients that follow it cost more than it saved: with its
/// 16 -> 48 and 16 -> 128 layers through oneDNN, 20 batches of PatchTST trained in 17.5 s
/// against 14.5 s through BLAS.
constexpr std::int64_t kOneDnnMinWidth = 32;

} // namespace

DenseImpl::DenseImpl(std::int64_t in, std::int64_t out)
    : m_in(in)
    , m_out(out) {
    reset();
}

void DenseImpl::reset() {
    weight = register_parameter("weight", torch::empty({m_out, m_in}));
    bias = register_parameter("bias", torch::empty({m_out}));
    // Linear's initialisation: Kaiming-uniform with a = sqrt(5), i.e. U(+-1/sqrt(in)).
    torch::nn::init::kaiming_uniform_(weight, std::sqrt(5.0));
    const double bound = 1.0 / std::sqrt(static_cast<double>(m_in));
    torch::nn::init::uniform_(bias, -bound, bound);
}

void DenseImpl::pretty_print(std::ostream& stream) const {
    stream << "tb::engine::Dense(in=" << m_in << ", out=" << m_out << ")";
}

bool DenseImpl::usesOneDnn(const torch::Tensor& x) const {
    if (!x.device().is_cpu() || x.scalar_type() != torch::kFloat32 || !at::hasMKLDNN() ||
        !at::globalContext().userEnabledMkldnn() || m_in < kOneDnnMinWidth ||
        m_out < kOneDnnMinWidth)
        return false;
    const double rows = static_cast<double>(x.numel() / std::max<std::int64_t>(1, m_in));
    return rows * static_cast<double>(m_in) * static_cast<double>(m_out) >= kOneDnnMinMacs;
}

torch::Tensor DenseImpl::forward(const torch::Tensor& x) {
    if (!usesOneDnn(x))
        return torch::nn::functional::linear(x, weight, bias);
    // The rows become the length of a one-sample sequence with `in` channels: [1, in, rows].
    const auto rows = x.reshape({-1, m_in}).t().unsqueeze(0);
    const auto y = torch::conv1d(rows, weight.unsqueeze(-1), bias).squeeze(0).t(); // [rows, out]
    auto shape = x.sizes().vec();
    shape.back() = m_out;
    return y.reshape(shape);
}

} // namespace tb::engine
