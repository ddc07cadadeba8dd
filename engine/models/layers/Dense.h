// A fully connected layer with torch::nn::Linear's parameters that picks the faster CPU kernel.
#pragma once

#include <torch/nn/cloneable.h>
#include <torch/nn/pimpl.h>

namespace tb::engine {

/// y = x W^T + b over the last dimension of x, with `weight` [out, in] and `bias` [out] named,
/// shaped and initialised as torch::nn::Linear's, so checkpoints read the same.
///
/// Why not Linear: LibTorch's CPU build multiplies through the system BLAS, and on some CPUs
/// (an AMD EPYC) Debian's OpenBLAS runs AVX2 kernels where oneDNN (inside LibTorch) uses wider
/// ones. Large products on the CPU therefore run as a kernel-1 convolution, which LibTorch hands
/// to oneDNN: up to 4x faster forward and backward on the models' shapes there
/// (tests/bench/bench_layers), and Informer still trains 1.3x faster with them on an Intel Xeon
/// whose OpenBLAS kernels are as wide. Small products, narrow layers, other devices and other
/// types keep Linear's path.
class DenseImpl : public torch::nn::Cloneable<DenseImpl> {
public:
    DenseImpl(std::int64_t in, std::int64_t out);

    void reset() override;
    void pretty_print(std::ostream& stream) const override;
    torch::Tensor forward(const torch::Tensor& x);

    /// Whether `forward` would run x through oneDNN.
    bool usesOneDnn(const torch::Tensor& x) const;

    torch::Tensor weight;
    torch::Tensor bias;

private:
    std::int64_t m_in;
    std::int64_t m_out;
};

TORCH_MODULE(Dense);

} // namespace tb::engine
