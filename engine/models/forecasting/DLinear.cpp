#include "engine/models/forecasting/DLinear.h"

#include <cmath>
#include <stdexcept>
#include <torch/nn/functional/pooling.h>

namespace tb::engine {
namespace {

/// nn.Linear's initialisation: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weight and bias.
torch::Tensor linearInit(std::vector<std::int64_t> shape, std::int64_t fanIn) {
    const double bound = 1.0 / std::sqrt(static_cast<double>(fanIn));
    return torch::empty(shape).uniform_(-bound, bound);
}

} // namespace

DLinear::DLinear(const DLinearOptions& options)
    : m_options(options) {
    if (options.movingAverage < 1 || options.movingAverage % 2 == 0)
        throw std::invalid_argument(
            "model.moving_avg must be a positive odd number (e.g. 25), got " +
            std::to_string(options.movingAverage));
    const auto& s = options.shape;
    if (options.individual) {
        m_seasonalWeight = register_parameter(
            "seasonal_weight", linearInit({s.channels, s.predLen, s.seqLen}, s.seqLen));
        m_seasonalBias =
            register_parameter("seasonal_bias", linearInit({s.channels, s.predLen}, s.seqLen));
        m_trendWeight = register_parameter("trend_weight",
                                           linearInit({s.channels, s.predLen, s.seqLen}, s.seqLen));
        m_trendBias =
            register_parameter("trend_bias", linearInit({s.channels, s.predLen}, s.seqLen));
    } else {
        m_seasonal = register_module("seasonal", Dense(s.seqLen, s.predLen));
        m_trend = register_module("trend", Dense(s.seqLen, s.predLen));
    }
}

torch::Tensor DLinear::trend(const torch::Tensor& x) const {
    const auto pad = (m_options.movingAverage - 1) / 2;
    const auto length = x.size(1);
    const auto padded = torch::cat({x.narrow(1, 0, 1).expand({-1, pad, -1}), x,
                                    x.narrow(1, length - 1, 1).expand({-1, pad, -1})},
                                   1);
    namespace F = torch::nn::functional;
    return F::avg_pool1d(padded.transpose(1, 2),
                         F::AvgPool1dFuncOptions(m_options.movingAverage).stride(1))
        .transpose(1, 2);
}

torch::Tensor DLinear::project(const torch::Tensor& series, Dense& shared,
                               const torch::Tensor& weight, const torch::Tensor& bias) {
    const auto perChannel = series.transpose(1, 2); // [B, C, L]
    if (!m_options.individual)
        return shared->forward(perChannel);
    return torch::einsum("bcl,cpl->bcp", {perChannel, weight}) + bias;
}

torch::Tensor DLinear::forward(const Batch& batch) {
    const auto& x = batch.input;
    const auto trendPart = trend(x);
    const auto seasonalPart = x - trendPart;
    const auto out = project(seasonalPart, m_seasonal, m_seasonalWeight, m_seasonalBias) +
                     project(trendPart, m_trend, m_trendWeight, m_trendBias); // [B, C, P]
    const auto outputs = m_options.shape.outputs;
    return out.narrow(1, out.size(1) - outputs, outputs).transpose(1, 2);
}

} // namespace tb::engine
