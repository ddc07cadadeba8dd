// DLinear (Zeng et al., AAAI 2023): a moving-average decomposition and two linear maps.
#pragma once

#include "engine/models/Model.h"
#include "engine/models/forecasting/ForecastShape.h"
#include "engine/models/layers/Dense.h"

namespace tb::engine {

/// Options of DLinear.
struct DLinearOptions {
    ForecastShape shape;
    /// Window of the moving average that extracts the trend (odd; the paper uses 25).
    std::int64_t movingAverage = 25;
    /// One linear map per channel instead of one shared by all channels.
    bool individual = false;
};

/// Splits each input channel into trend (moving average, edges padded by repeating the end
/// values) and remainder, maps each from seq_len to pred_len steps with a linear layer and
/// adds the two. Channels are independent; S and MS forecast the last (target) channel.
class DLinear : public Model {
public:
    /// Throws std::invalid_argument for an even or non-positive moving-average window.
    explicit DLinear(const DLinearOptions& options);
    torch::Tensor forward(const Batch& batch) override;

    /// The moving average of `x` [B, L, C] over time, same shape (exposed for tests).
    torch::Tensor trend(const torch::Tensor& x) const;

private:
    torch::Tensor project(const torch::Tensor& series, Dense& shared, const torch::Tensor& weight,
                          const torch::Tensor& bias);

    DLinearOptions m_options;
    // Shared maps, or per-channel weights [C, pred_len, seq_len] and biases [C, pred_len].
    Dense m_seasonal{nullptr};
    Dense m_trend{nullptr};
    torch::Tensor m_seasonalWeight, m_seasonalBias, m_trendWeight, m_trendBias;
};

} // namespace tb::engine
