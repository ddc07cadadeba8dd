// Internal to engine/config: YAML values turned into typed field values, for files and --set.
#pragma once

#include "engine/config/ConfigValue.h"
#include "engine/config/FieldSpec.h"

#include <string>
#include <yaml-cpp/yaml.h>

namespace tb::engine {

/// A converted value, or `error` (non-empty) phrased for the user.
struct ParsedValue {
    ConfigValue value;
    std::string error;
};

/// Converts a YAML scalar's text by field type: Int takes integers only, Float integers,
/// decimals, exponents and `.inf`/`.nan`, Bool true/false/yes/no, the text types anything.
ParsedValue parseScalar(FieldType type, const std::string& text);

/// parseScalar on a node; null, a list or a map where one value belongs is an error.
ParsedValue parseNode(FieldType type, const YAML::Node& node);

} // namespace tb::engine
