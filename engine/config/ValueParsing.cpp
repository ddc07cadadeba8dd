#include "engine/config/ValueParsing.h"

#include "engine/util/Lowered.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <regex>

namespace tb::engine {
namespace {

// from_chars reads neither a leading '+' nor YAML's spellings; it is locale-independent.
std::string_view withoutPlus(const std::string& text) {
    std::string_view view(text);
    if (!view.empty() && view.front() == '+')
        view.remove_prefix(1);
    return view;
}

ParsedValue failure(std::string message) {
    return {ConfigValue{}, std::move(message)};
}

ParsedValue parseInt(const std::string& text) {
    static const std::regex integer{"[-+]?[0-9]+"};
    if (!std::regex_match(text, integer))
        return failure("expected an integer (got '" + text + "')");
    const std::string_view digits = withoutPlus(text);
    std::int64_t value = 0;
    const auto result = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (result.ec != std::errc())
        return failure("expected an integer between -2^63 and 2^63-1 (got '" + text + "')");
    return {value, {}};
}

std::optional<double> specialFloat(const std::string& text) {
    std::string word = lowered(text);
    const bool negative = !word.empty() && word.front() == '-';
    if (!word.empty() && (word.front() == '-' || word.front() == '+'))
        word.erase(0, 1);
    if (word == ".nan" || word == "nan")
        return std::numeric_limits<double>::quiet_NaN();
    if (word == ".inf" || word == "inf" || word == "infinity")
        return negative ? -std::numeric_limits<double>::infinity()
                        : std::numeric_limits<double>::infinity();
    return std::nullopt;
}

ParsedValue parseFloat(const std::string& text) {
    if (const std::optional<double> special = specialFloat(text))
        return {*special, {}};
    static const std::regex decimal{R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)"};
    if (!std::regex_match(text, decimal))
        return failure("expected a number (got '" + text + "')");
    const std::string_view digits = withoutPlus(text);
    double value = 0.0;
    const auto result = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (result.ec != std::errc())
        return failure("is too large or too small to hold as a number (got '" + text + "')");
    return {value, {}};
}

ParsedValue parseBool(const std::string& text) {
    const std::string word = lowered(text);
    if (word == "true" || word == "yes")
        return {true, {}};
    if (word == "false" || word == "no")
        return {false, {}};
    return failure("expected true or false (got '" + text + "')");
}

} // namespace

ParsedValue parseScalar(FieldType type, const std::string& text) {
    switch (type) {
    case FieldType::Bool:
        return parseBool(text);
    case FieldType::Int:
        return parseInt(text);
    case FieldType::Float:
        return parseFloat(text);
    case FieldType::String:
    case FieldType::Enum:
    case FieldType::Path:
        break;
    }
    return {text, {}};
}

ParsedValue parseNode(FieldType type, const YAML::Node& node) {
    if (node.IsNull())
        return failure("has no value; give it one or leave the field out");
    if (node.IsSequence())
        return failure("expected a single value, got a list");
    if (node.IsMap())
        return failure("expected a single value, got a map of fields");
    return parseScalar(type, node.Scalar());
}

} // namespace tb::engine
