// The declaration of one config field: its type, default, range and help.
#pragma once

#include "engine/config/ConfigValue.h"

#include <optional>
#include <string>
#include <vector>

namespace tb::engine {

/// The kind of widget / parser a field needs.
enum class FieldType { Bool, Int, Float, String, Enum, Path };

/// One typed, documented config field. The config editor builds its form from these.
///
/// Example:
/// ```
/// FieldSpec{"train.batch_size", FieldType::Int, std::int64_t{128}}
///     .min(1).max(65536).help("Samples per optimizer step");
/// ```
struct FieldSpec {
    /// Dotted path, as in YAML: `train.batch_size`.
    std::string key;
    FieldType type = FieldType::String;
    /// Value used when the YAML leaves the field out.
    ConfigValue defaultValue;
    /// Inclusive numeric range; unset means unbounded.
    std::optional<double> minValue;
    std::optional<double> maxValue;
    /// Allowed values of an Enum field.
    std::vector<std::string> choices;
    /// One sentence shown as tooltip and in `--help`.
    std::string helpText;
    /// Model family this field belongs to (`model.kernel_size` only for `cnn`); empty: always.
    std::string modelFamily;
    /// Data kind this field belongs to (`idx`, `csv`); empty: always.
    std::string dataKind;

    FieldSpec(std::string k, FieldType t, ConfigValue def)
        : key(std::move(k))
        , type(t)
        , defaultValue(std::move(def)) {}
    FieldSpec& min(double v) {
        minValue = v;
        return *this;
    }
    FieldSpec& max(double v) {
        maxValue = v;
        return *this;
    }
    FieldSpec& oneOf(std::vector<std::string> v) {
        choices = std::move(v);
        return *this;
    }
    FieldSpec& help(std::string v) {
        helpText = std::move(v);
        return *this;
    }
    FieldSpec& forModel(std::string v) {
        modelFamily = std::move(v);
        return *this;
    }
    FieldSpec& forData(std::string v) {
        dataKind = std::move(v);
        return *this;
    }
};

} // namespace tb::engine
