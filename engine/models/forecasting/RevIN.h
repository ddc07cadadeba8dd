// Reversible instance normalisation (Kim et al., ICLR 2022), as PatchTST uses it.
#pragma once

#include <torch/nn/module.h>

namespace tb::engine {

/// Normalises each series of a batch by its own mean and standard deviation over time (plus an
/// optional learned per-channel affine map) and undoes it on the forecast. normalize() keeps
/// the statistics for the denormalize() that follows: one forward pass at a time.
class RevIN : public torch::nn::Module {
public:
    RevIN(std::int64_t channels, bool affine, bool subtractLast);

    /// `x` [B, L, C] -> normalised [B, L, C]; remembers the statistics.
    torch::Tensor normalize(const torch::Tensor& x);
    /// `y` [B, P, C] in normalised units -> the input's units.
    torch::Tensor denormalize(const torch::Tensor& y) const;

private:
    static constexpr double kEps = 1e-5;
    bool m_affine;
    bool m_subtractLast;
    torch::Tensor m_weight; // [C], affine only
    torch::Tensor m_bias;
    torch::Tensor m_center; // [B, 1, C], detached
    torch::Tensor m_stdev;
};

} // namespace tb::engine
