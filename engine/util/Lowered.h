// Text in lower case (ASCII): how names people type in either case are compared.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace tb::engine {

/// `text` with A-Z as a-z; other bytes (UTF-8 included) as they are.
inline std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

} // namespace tb::engine
