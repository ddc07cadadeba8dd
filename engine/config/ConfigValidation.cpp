#include "engine/config/ConfigYaml.h"
#include "engine/config/FieldScope.h"
#include "engine/config/NumberFormat.h"
#include "engine/config/Schema.h"

#include <algorithm>
#include <cmath>

namespace tb::engine {
namespace {

std::string shown(const ConfigValue& value) {
    if (const auto* text = std::get_if<std::string>(&value))
        return "'" + *text + "'";
    return toString(value);
}

const char* expectedKind(FieldType type) {
    switch (type) {
    case FieldType::Bool:
        return "true or false";
    case FieldType::Int:
        return "an integer";
    case FieldType::Float:
        return "a number";
    case FieldType::String:
    case FieldType::Enum:
    case FieldType::Path:
        break;
    }
    return "text";
}

bool fitsType(FieldType type, const ConfigValue& value) {
    switch (type) {
    case FieldType::Bool:
        return std::holds_alternative<bool>(value);
    case FieldType::Int:
        return std::holds_alternative<std::int64_t>(value);
    case FieldType::Float:
        return std::holds_alternative<double>(value) || std::holds_alternative<std::int64_t>(value);
    case FieldType::String:
    case FieldType::Enum:
    case FieldType::Path:
        break;
    }
    return std::holds_alternative<std::string>(value);
}

void checkNumber(const FieldSpec& field, const ConfigValue& value, ConfigIssues& out) {
    const double number = std::holds_alternative<double>(value)
                              ? std::get<double>(value)
                              : static_cast<double>(std::get<std::int64_t>(value));
    if (!std::isfinite(number))
        out.push_back({field.key, "must be a finite number (got " + toString(value) + ")"});
    else if (field.minValue && number < *field.minValue)
        out.push_back({field.key, "must be at least " + formatNumber(*field.minValue) + " (got " +
                                      toString(value) + ")"});
    else if (field.maxValue && number > *field.maxValue)
        out.push_back({field.key, "must be at most " + formatNumber(*field.maxValue) + " (got " +
                                      toString(value) + ")"});
}

void checkChoice(const FieldSpec& field, const std::string& value, ConfigIssues& out) {
    if (std::find(field.choices.begin(), field.choices.end(), value) != field.choices.end())
        return;
    std::string message = "must be one of: ";
    for (const std::string& choice : field.choices)
        message += (&choice == &field.choices.front() ? "" : ", ") + choice;
    message += " (got '" + value + "')";
    const std::string hint = closestMatch(value, field.choices);
    if (!hint.empty())
        message += "; did you mean '" + hint + "'?";
    out.push_back({field.key, message});
}

void checkSetValue(const Config& config, const std::string& key, const ConfigValue& value,
                   ConfigIssues& out) {
    const Schema& schema = config.schema();
    if (schema.find(key) == nullptr) {
        out.push_back({key, unknownFieldMessage(schema, key)});
        return;
    }
    const FieldSpec* field = schema.findActive(key, config);
    if (field == nullptr) {
        if (!scopeUndecided(config, key))
            out.push_back({key, outOfScopeMessage(config, key)});
        return;
    }
    if (!fitsType(field->type, value)) {
        out.push_back({key, std::string("expected ") + expectedKind(field->type) + " (got " +
                                shown(value) + ")"});
        return;
    }
    if (field->type == FieldType::Int || field->type == FieldType::Float)
        checkNumber(*field, value, out);
    else if (field->type == FieldType::Enum)
        checkChoice(*field, std::get<std::string>(value), out);
}

// Rules read fields with the typed getters, which throw on a value of the wrong type.
void runRule(const Schema::Rule& rule, const Config& config, ConfigIssues& out) {
    try {
        rule(config, out);
    } catch (const std::exception& e) {
        out.push_back({"", std::string("a cross-field check could not run (") + e.what() +
                               "); fix the problems above and validate again"});
    } catch (...) {
        out.push_back({"", "a cross-field check could not run; fix the problems above and "
                           "validate again"});
    }
}

} // namespace

ConfigIssues validateConfig(const Config& config) {
    ConfigIssues out;
    for (const auto& [key, value] : config.setValues())
        checkSetValue(config, key, value, out);
    for (const Schema::Rule& rule : config.schema().rules())
        runRule(rule, config, out);
    return out;
}

} // namespace tb::engine
