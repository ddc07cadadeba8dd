// The grid a sweep trains: every combination of a few values of a few config fields.
#pragma once

#include <string>
#include <vector>

namespace tb::cli {

/// One field and the values a sweep gives it: `train.batch_size=64,128,256`.
struct GridAxis {
    std::string key;
    std::vector<std::string> values;
};

/// Reads `key=v1,v2,...`. Throws std::invalid_argument naming what is wrong and what to
/// write instead.
GridAxis parseGridAxis(const std::string& text);

/// Every combination of the axes' values as `key=value` overrides, the first axis varying
/// slowest (as nested loops in the order given). Throws std::invalid_argument when two axes
/// name one field.
std::vector<std::vector<std::string>> gridCombinations(const std::vector<GridAxis>& axes);

/// `base (train.batch_size=64, data.num_workers=2)`: a sweep run's name, as the speed
/// ledger tells experiments of one name apart.
std::string sweepRunName(const std::string& base, const std::vector<std::string>& combination);

} // namespace tb::cli
