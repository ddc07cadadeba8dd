// A recurrent baseline: an LSTM over the input window and a linear head to the horizon.
#pragma once

#include "engine/models/Model.h"
#include "engine/models/forecasting/ForecastShape.h"
#include "engine/models/layers/Dense.h"

#include <torch/nn/modules/rnn.h>

namespace tb::engine {

/// Options of LstmForecaster.
struct LstmOptions {
    ForecastShape shape;
    std::int64_t hidden = 64;
    std::int64_t layers = 2;
    double dropout = 0.0; ///< between LSTM layers
    /// Feed the time features beside the values.
    bool timeFeatures = true;
};

/// Reads the window (values and, optionally, time features) with a stacked LSTM and maps its
/// last hidden state to all pred_len x outputs values at once.
class LstmForecaster : public Model {
public:
    explicit LstmForecaster(const LstmOptions& options);
    torch::Tensor forward(const Batch& batch) override;

private:
    LstmOptions m_options;
    torch::nn::LSTM m_lstm{nullptr};
    Dense m_head{nullptr};
};

} // namespace tb::engine
