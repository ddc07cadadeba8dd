#include "engine/config/ConfigValue.h"

#include "engine/config/NumberFormat.h"

#include <type_traits>

namespace tb::engine {
namespace {

// PyYAML (YAML 1.1) only reads a float when the mantissa has a dot, so `1e-07` is written
// `1.0e-07` and `3` is written `3.0`; that keeps a float a float in Python tools too.
std::string floatText(double value) {
    std::string text = formatNumber(value);
    if (text.find('.') != std::string::npos)
        return text;
    const std::size_t exponent = text.find('e');
    text.insert(exponent == std::string::npos ? text.size() : exponent, ".0");
    return text;
}

} // namespace

std::string toString(const ConfigValue& value) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>)
                return v ? "true" : "false";
            else if constexpr (std::is_same_v<T, std::int64_t>)
                return std::to_string(v);
            else if constexpr (std::is_same_v<T, double>)
                return floatText(v);
            else
                return v;
        },
        value);
}

} // namespace tb::engine
