#include "engine/models/forecasting/RevIN.h"

namespace tb::engine {

RevIN::RevIN(std::int64_t channels, bool affine, bool subtractLast)
    : m_affine(affine)
    , m_subtractLast(subtractLast) {
    if (affine) {
        m_weight = register_parameter("affine_weight", torch::ones({channels}));
        m_bias = register_parameter("affine_bias", torch::zeros({channels}));
    }
}

torch::Tensor RevIN::normalize(const torch::Tensor& x) {
    // The statistics are inputs, not parameters: no gradient flows through them.
    m_center = (m_subtractLast ? x.narrow(1, x.size(1) - 1, 1) : x.mean(1, true)).detach();
    m_stdev = (x.var(1, /*unbiased=*/false, /*keepdim=*/true) + kEps).sqrt().detach();
    auto out = (x - m_center) / m_stdev;
    return m_affine ? out * m_weight + m_bias : out;
}

torch::Tensor RevIN::denormalize(const torch::Tensor& y) const {
    auto out = m_affine ? (y - m_bias) / (m_weight + kEps * kEps) : y;
    return out * m_stdev + m_center;
}

} // namespace tb::engine
