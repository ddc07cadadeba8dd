#include "engine/config/RunReference.h"

#include <regex>

namespace tb::engine {

bool looksLikeRunReference(const std::string& text) {
    return text.rfind("run:", 0) == 0;
}

std::optional<RunReference> parseRunReference(const std::string& text) {
    static const std::regex pattern{R"(run:([1-9][0-9]{0,17})(/(best|last))?)"};
    std::smatch match;
    if (!std::regex_match(text, match, pattern))
        return std::nullopt;
    return RunReference{std::stoll(match[1].str()), match[3].str()};
}

} // namespace tb::engine
