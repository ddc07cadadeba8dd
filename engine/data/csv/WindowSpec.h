// The lengths of a forecasting window, in rows.
#pragma once

#include <cstdint>

namespace tb::engine {

/// Window lengths, in rows: the model reads `seqLen` rows, the decoder starts from the last
/// `labelLen` of them and `predLen` rows are forecast.
struct WindowSpec {
    std::int64_t seqLen = 96;
    std::int64_t labelLen = 48;
    std::int64_t predLen = 96;
};

} // namespace tb::engine
