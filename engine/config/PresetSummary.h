// What a preset trains, in a few words, from the comment its file opens with.
#pragma once

#include <string>

namespace tb::engine {

/// The opening comment of a preset's YAML text (up to its first blank comment line), cut at
/// its first ": " or ". " outside parentheses: "DLinear on ETTh1, multivariate (M), look-back
/// 336, horizon 96". Empty when the text opens with no comment.
std::string presetSummary(const std::string& yamlText);

} // namespace tb::engine
