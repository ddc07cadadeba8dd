#include "engine/config/YamlScalar.h"

#include "engine/config/ValueParsing.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace tb::engine {
namespace {

bool isPlainCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '/' || c == '+' || c == '-';
}

// Words YAML 1.1 or 1.2 resolve to null, a bool or a number when unquoted, in the casings
// the specs list; our own reader's bools and floats are checked through parseScalar.
bool isReservedWord(const std::string& text) {
    static const std::array<const char*, 14> words{"null", "Null", "NULL", "on", "On", "ON", "off",
                                                   "Off",  "OFF",  "y",    "Y",  "n",  "N",  "~"};
    return std::find(words.begin(), words.end(), text) != words.end() ||
           parseScalar(FieldType::Bool, text).error.empty() ||
           parseScalar(FieldType::Float, text).error.empty();
}

// Deliberately narrow: a plain scalar starting with a letter, '_' or '/' and made of name and
// path characters cannot be read as a number, a bool, null or YAML syntax.
bool canStayPlain(const std::string& text) {
    if (text.empty() || isReservedWord(text))
        return false;
    const char first = text.front();
    const bool firstOk = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') ||
                         first == '_' || first == '/';
    return firstOk && std::all_of(text.begin(), text.end(), isPlainCharacter);
}

std::string doubleQuoted(const std::string& text) {
    std::string quoted = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            quoted += '\\';
            quoted += c;
        } else if (c == '\n') {
            quoted += "\\n";
        } else if (c == '\t') {
            quoted += "\\t";
        } else if (byte < 0x20 || byte == 0x7f) {
            std::array<char, 8> escape{};
            std::snprintf(escape.data(), escape.size(), "\\x%02x", byte);
            quoted += escape.data();
        } else {
            quoted += c;
        }
    }
    return quoted + '"';
}

} // namespace

std::string yamlScalar(const FieldSpec& field, const ConfigValue& value) {
    if (const auto* text = std::get_if<std::string>(&value))
        return canStayPlain(*text) ? *text : doubleQuoted(*text);
    if (const auto* integer = std::get_if<std::int64_t>(&value);
        integer != nullptr && field.type == FieldType::Float)
        return toString(static_cast<double>(*integer));
    return toString(value);
}

} // namespace tb::engine
