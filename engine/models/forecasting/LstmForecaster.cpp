#include "engine/models/forecasting/LstmForecaster.h"

namespace tb::engine {

LstmForecaster::LstmForecaster(const LstmOptions& options)
    : m_options(options) {
    const auto& s = options.shape;
    const auto inputs = s.channels + (options.timeFeatures ? s.timeFeatures : 0);
    m_lstm = register_module("lstm", torch::nn::LSTM(torch::nn::LSTMOptions(inputs, options.hidden)
                                                         .num_layers(options.layers)
                                                         .dropout(options.dropout)
                                                         .batch_first(true)));
    m_head = register_module("head", Dense(options.hidden, s.predLen * s.outputs));
}

torch::Tensor LstmForecaster::forward(const Batch& batch) {
    const auto input =
        m_options.timeFeatures ? torch::cat({batch.input, batch.inputMark}, 2) : batch.input;
    const auto sequence = std::get<0>(m_lstm->forward(input)); // [B, L, hidden]
    const auto last = sequence.select(1, sequence.size(1) - 1);
    return m_head->forward(last).view(
        {input.size(0), m_options.shape.predLen, m_options.shape.outputs});
}

} // namespace tb::engine
