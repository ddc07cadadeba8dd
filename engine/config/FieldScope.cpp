#include "engine/config/FieldScope.h"

#include "engine/config/Config.h"
#include "engine/config/ConfigYaml.h"
#include "engine/config/Schema.h"

#include <algorithm>

namespace tb::engine {
namespace {

void addUnique(std::vector<std::string>& names, const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end())
        names.push_back(name);
}

// Fields and the sections above them: a misspelt section (`trian:`) deserves a hint too.
std::vector<std::string> fieldAndSectionNames(const Schema& schema) {
    std::vector<std::string> names;
    for (const FieldSpec& field : schema.fields()) {
        for (std::size_t dot = field.key.find('.'); dot != std::string::npos;
             dot = field.key.find('.', dot + 1))
            addUnique(names, field.key.substr(0, dot));
        addUnique(names, field.key);
    }
    return names;
}

/// The fields whose last part is `key`'s: where a field put in the wrong section, or in none
/// (`split`, `train.lr`), belongs.
std::vector<std::string> fieldsNamed(const Schema& schema, const std::string& key) {
    const std::string last = key.substr(key.rfind('.') + 1);
    std::vector<std::string> names;
    for (const FieldSpec& field : schema.fields()) {
        const std::size_t dot = field.key.rfind('.');
        if (dot != std::string::npos && field.key.compare(dot + 1, std::string::npos, last) == 0)
            addUnique(names, field.key);
    }
    return names;
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names)
        text += (text.empty() ? "" : ", ") + name;
    return text;
}

} // namespace

std::string selectorValue(const Config& config, std::string_view key) {
    const FieldSpec* field = config.schema().find(key);
    if (field == nullptr)
        return {};
    const ConfigValue* set = config.findSet(std::string(key));
    return toString(set != nullptr ? *set : field->defaultValue);
}

bool isSection(const Schema& schema, std::string_view key) {
    const std::string prefix = std::string(key) + '.';
    return std::any_of(schema.fields().begin(), schema.fields().end(), [&](const FieldSpec& f) {
        return f.key.compare(0, prefix.size(), prefix) == 0;
    });
}

std::string unknownFieldMessage(const Schema& schema, const std::string& key) {
    if (isSection(schema, key))
        return "'" + key + "' is a section, not a value; put its fields under it";
    const std::string hint = closestMatch(key, fieldAndSectionNames(schema));
    if (!hint.empty())
        return "unknown field '" + key + "'; did you mean '" + hint + "'?";
    const std::vector<std::string> elsewhere = fieldsNamed(schema, key);
    if (elsewhere.size() == 1)
        return "unknown field '" + key + "'; did you mean '" + elsewhere.front() + "'?";
    if (!elsewhere.empty())
        return "unknown field '" + key + "'; fields of that name: " + joined(elsewhere);
    return "unknown field '" + key + "'; remove it or check its spelling";
}

bool scopeUndecided(const Config& config, const std::string& key) {
    const Schema& schema = config.schema();
    const auto invalid = [&](std::string_view selector) {
        const FieldSpec* field = schema.find(selector);
        const std::string value = selectorValue(config, selector);
        return field != nullptr && !field->choices.empty() &&
               std::find(field->choices.begin(), field->choices.end(), value) ==
                   field->choices.end();
    };
    const bool familyUnknown = invalid(Schema::kModelKey);
    const bool kindUnknown = invalid(Schema::kDataKindKey);
    return std::any_of(schema.fields().begin(), schema.fields().end(), [&](const FieldSpec& f) {
        return f.key == key &&
               ((familyUnknown && !f.modelFamily.empty()) || (kindUnknown && !f.dataKind.empty()));
    });
}

std::string outOfScopeMessage(const Config& config, const std::string& key) {
    const Schema& schema = config.schema();
    const bool kindsDeclared = schema.find(Schema::kDataKindKey) != nullptr;
    const std::string kind = selectorValue(config, Schema::kDataKindKey);
    std::vector<std::string> families;
    std::vector<std::string> kinds;
    for (const FieldSpec& field : schema.fields()) {
        if (field.key != key)
            continue;
        const bool kindFits = field.dataKind.empty() || !kindsDeclared || field.dataKind == kind;
        if (kindFits && !field.modelFamily.empty())
            addUnique(families, field.modelFamily);
        if (!field.dataKind.empty())
            addUnique(kinds, field.dataKind);
    }
    if (!families.empty())
        return "'" + key + "' is not a parameter of model '" +
               selectorValue(config, Schema::kModelKey) + "' (it belongs to: " + joined(families) +
               ")";
    return "'" + key + "' is not a parameter of data kind '" + kind +
           "' (it belongs to: " + joined(kinds) + ")";
}

} // namespace tb::engine
