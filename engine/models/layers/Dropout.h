// Dropout with torch::nn::Dropout's behaviour that draws its CPU mask faster.
#pragma once

#include <torch/nn/cloneable.h>
#include <torch/nn/pimpl.h>

namespace tb::engine {

/// In training, zeroes each element with probability `p` and scales the others by 1 / (1 - p);
/// in eval mode, the identity. The same layer as torch::nn::Dropout, with no parameters, so
/// checkpoints read the same.
///
/// Why not torch::nn::Dropout: LibTorch's CPU build without MKL draws its mask with
/// `bernoulli_`, one double-precision Bernoulli draw per element, 1.6-2.6x as slow as drawing
/// uniform floats and keeping those below 1 - p (tests/bench/bench_layers). PatchTST spent a
/// fifth of its step there. Other devices keep LibTorch's fused dropout.
class DropoutImpl : public torch::nn::Cloneable<DropoutImpl> {
public:
    explicit DropoutImpl(double p);

    void reset() override {}
    void pretty_print(std::ostream& stream) const override;
    torch::Tensor forward(const torch::Tensor& x);

    double p;
};

TORCH_MODULE(Dropout);

} // namespace tb::engine
