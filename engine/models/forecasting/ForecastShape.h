// The window and channel sizes every forecasting model is built for.
#pragma once

#include <cstdint>

namespace tb::engine {

class Config;
struct DataSplits;

/// Sizes from the data.* fields and the loaded data (Time-Series-Library's seq_len,
/// label_len, pred_len, enc_in, c_out and the time-feature count).
struct ForecastShape {
    std::int64_t seqLen = 96;
    std::int64_t labelLen = 48;
    std::int64_t predLen = 96;
    std::int64_t channels = 7;     ///< input channels (enc_in, dec_in)
    std::int64_t outputs = 7;      ///< forecast channels (c_out): channels for M, 1 for S and MS
    std::int64_t timeFeatures = 4; ///< time-mark features per row (4 hourly)

    /// Reads data.seq_len, data.label_len, data.pred_len, data.features and data.freq; the
    /// channel count comes from the data. Throws std::invalid_argument when the data is not a
    /// forecasting dataset.
    static ForecastShape fromConfig(const Config& config, const DataSplits& data);
};

} // namespace tb::engine
