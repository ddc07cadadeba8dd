#include "engine/config/Schema.h"

#include "engine/config/Config.h"
#include "engine/config/FieldScope.h"

#include <algorithm>
#include <stdexcept>

namespace tb::engine {
namespace {

bool isKeyCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

// Keys become YAML map keys segment by segment; anything else would not read back.
void checkKeySpelling(const std::string& key) {
    bool segmentStart = true;
    for (char c : key) {
        const bool ok = c == '.' ? !segmentStart : isKeyCharacter(c) && !(segmentStart && c == '-');
        if (!ok)
            throw std::logic_error("config key '" + key +
                                   "' must be dot-separated names of letters, digits, _ and -");
        segmentStart = c == '.';
    }
    if (segmentStart)
        throw std::logic_error("config key '" + key + "' is empty or ends with a dot");
}

bool defaultFitsType(const FieldSpec& field) {
    const ConfigValue& v = field.defaultValue;
    switch (field.type) {
    case FieldType::Bool:
        return std::holds_alternative<bool>(v);
    case FieldType::Int:
        return std::holds_alternative<std::int64_t>(v);
    case FieldType::Float:
        return std::holds_alternative<double>(v) || std::holds_alternative<std::int64_t>(v);
    case FieldType::String:
    case FieldType::Enum:
    case FieldType::Path:
        return std::holds_alternative<std::string>(v);
    }
    return false;
}

bool defaultInRange(const FieldSpec& field) {
    const ConfigValue& v = field.defaultValue;
    if (!std::holds_alternative<double>(v) && !std::holds_alternative<std::int64_t>(v))
        return true;
    const double number = std::holds_alternative<double>(v)
                              ? std::get<double>(v)
                              : static_cast<double>(std::get<std::int64_t>(v));
    return (!field.minValue || number >= *field.minValue) &&
           (!field.maxValue || number <= *field.maxValue);
}

// A contradictory declaration is a programming error: fail where it is written, not at the
// first config that reads the field.
void checkDeclaration(const FieldSpec& field) {
    checkKeySpelling(field.key);
    if (!defaultFitsType(field))
        throw std::logic_error("config field '" + field.key +
                               "': the default value does not match the field's type");
    if (!defaultInRange(field))
        throw std::logic_error("config field '" + field.key +
                               "': the default value lies outside the field's range");
    if (field.type == FieldType::Enum &&
        std::find(field.choices.begin(), field.choices.end(),
                  std::get<std::string>(field.defaultValue)) == field.choices.end())
        throw std::logic_error("config field '" + field.key +
                               "': the default value is not one of the field's choices");
}

bool isBelow(const std::string& key, const std::string& section) {
    return key.size() > section.size() && key[section.size()] == '.' &&
           key.compare(0, section.size(), section) == 0;
}

} // namespace

void Schema::add(FieldSpec spec) {
    checkDeclaration(spec);
    for (const FieldSpec& field : m_fields) {
        if (field.key == spec.key && field.modelFamily == spec.modelFamily &&
            field.dataKind == spec.dataKind)
            throw std::logic_error("config field '" + spec.key +
                                   "' is declared twice for the same model family and data kind");
        if (isBelow(field.key, spec.key) || isBelow(spec.key, field.key))
            throw std::logic_error("config keys '" + field.key + "' and '" + spec.key +
                                   "' make one both a field and a section");
    }
    m_fields.push_back(std::move(spec));
}

void Schema::addRule(Rule rule) {
    m_rules.push_back(std::move(rule));
}

const FieldSpec* Schema::find(std::string_view key) const {
    for (const FieldSpec& field : m_fields) {
        if (field.key == key)
            return &field;
    }
    return nullptr;
}

const FieldSpec* Schema::findActive(std::string_view key, const Config& config) const {
    for (const FieldSpec& field : m_fields) {
        if (field.key == key && isActive(field, config))
            return &field;
    }
    return nullptr;
}

bool Schema::isActive(const FieldSpec& field, const Config& config) const {
    // selectorValue reads set values and first defaults only, so a selector declared for a
    // family cannot send this into a loop.
    const bool familyFits = field.modelFamily.empty() || find(kModelKey) == nullptr ||
                            field.modelFamily == selectorValue(config, kModelKey);
    const bool kindFits = field.dataKind.empty() || find(kDataKindKey) == nullptr ||
                          field.dataKind == selectorValue(config, kDataKindKey);
    return familyFits && kindFits;
}

std::vector<const FieldSpec*> Schema::activeFields(const Config& config) const {
    std::vector<const FieldSpec*> active;
    for (const FieldSpec& field : m_fields) {
        // Only the declaration findActive picks, so a key shows up once.
        if (findActive(field.key, config) == &field)
            active.push_back(&field);
    }
    return active;
}

} // namespace tb::engine
