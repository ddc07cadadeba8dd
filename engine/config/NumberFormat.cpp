#include "engine/config/NumberFormat.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace tb::engine {

std::string formatNumber(double value) {
    if (std::isnan(value))
        return ".nan";
    if (std::isinf(value))
        return value > 0 ? ".inf" : "-.inf";
    // Shortest digits that round-trip, in the "C" locale; fixed notation for exponents in
    // [-4, 16) as Python's repr does, so 0.0001 and 100000 read naturally.
    std::array<char, 32> buffer{};
    char* const first = buffer.data();
    char* const last = first + buffer.size();
    char* end = std::to_chars(first, last, value, std::chars_format::scientific).ptr;
    const int exponent = std::atoi(std::find(first, end, 'e') + 1);
    if (exponent >= -4 && exponent < 16)
        end = std::to_chars(first, last, value, std::chars_format::fixed).ptr;
    return std::string(first, end);
}

} // namespace tb::engine
