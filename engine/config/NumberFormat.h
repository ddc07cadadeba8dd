// Internal to engine/config: numbers as text that reads back to the same value.
#pragma once

#include <string>

namespace tb::engine {

/// The shortest text that reads back to exactly `value` (`0.1`, `0.0001`, `1e-07`, `3`), with
/// YAML's spellings of the non-finite values (`.inf`, `-.inf`, `.nan`).
std::string formatNumber(double value);

} // namespace tb::engine
