// The few JSON spellings the forecasting artifacts need (no JSON library in the engine).
#pragma once

#include <string>
#include <vector>

namespace tb::engine {

/// `"text"` with quotes, backslashes and control characters escaped.
std::string jsonString(const std::string& text);
/// `["a", "b"]`.
std::string jsonStrings(const std::vector<std::string>& texts);
/// `[1.5, -2]`, each number written to round-trip (non-finite numbers as null).
std::string jsonNumbers(const std::vector<double>& values);

} // namespace tb::engine
