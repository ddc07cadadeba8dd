// Internal to engine/config: quoted values that never close.
#pragma once

#include <optional>
#include <string>
#include <yaml-cpp/yaml.h>

namespace tb::engine {

/// Where a quoted scalar of `document` (parsed from `text`) opens without ever closing.
/// yaml-cpp 0.7 reads `name: "mlp run` as a value that takes in every line after it up to
/// the end of the file, where a YAML parser must stop; the file then reads as valid with the
/// fields after the quote gone.
std::optional<YAML::Mark> unclosedQuote(const std::string& text, const YAML::Node& document);

} // namespace tb::engine
