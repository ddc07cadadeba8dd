// Plain-text tables for the terminal.
#pragma once

#include <string>
#include <vector>

namespace tb::cli {

/// The rows as lines of aligned columns: each column as wide as its widest entry (in terminal
/// columns: "±" is two bytes but one column), two spaces between columns, nothing after a
/// row's last cell. Every line but an empty row's starts with `indent`; rows may have fewer
/// cells than others.
///
/// Example: `alignedColumns({{"model", "MSE"}, {"dlinear", "0.375"}})` gives
/// "model    MSE\ndlinear  0.375\n".
std::string alignedColumns(const std::vector<std::vector<std::string>>& rows,
                           const std::string& indent = {});

} // namespace tb::cli
