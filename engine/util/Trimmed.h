// Text without the spaces and tabs around it: how values typed by people are compared.
#pragma once

#include <string>
#include <string_view>

namespace tb::engine {

/// `text` without leading and trailing spaces and tabs.
inline std::string trimmed(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    const std::size_t last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

} // namespace tb::engine
