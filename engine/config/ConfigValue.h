// A typed value of one config field.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace tb::engine {

/// The value of one config field: bool, integer, floating point or string (enums and paths
/// are strings). Example: `ConfigValue lr = 1e-3;`
using ConfigValue = std::variant<bool, std::int64_t, double, std::string>;

/// Renders a value the way YAML would show it (`true`, `128`, `0.001`, `adamw`).
std::string toString(const ConfigValue& value);

} // namespace tb::engine
