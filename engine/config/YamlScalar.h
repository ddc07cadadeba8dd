// Internal to engine/config: one field value written as a YAML scalar.
#pragma once

#include "engine/config/ConfigValue.h"
#include "engine/config/FieldSpec.h"

#include <string>

namespace tb::engine {

/// The value as YAML text that reads back to the same value for this field: floats in their
/// shortest exact form (an integer in a Float field as a float), strings double-quoted when
/// YAML would read them as something else (`"yes"`, `"123"`, `"a: b"`, `""`).
std::string yamlScalar(const FieldSpec& field, const ConfigValue& value);

} // namespace tb::engine
