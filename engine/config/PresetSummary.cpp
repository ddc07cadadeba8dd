#include "engine/config/PresetSummary.h"

#include <algorithm>
#include <sstream>

namespace tb::engine {
namespace {

/// The comment the text opens with, up to its first blank comment line, as one line.
std::string openingComment(const std::string& yamlText) {
    std::istringstream in(yamlText);
    std::string comment;
    std::string line;
    while (std::getline(in, line) && line.rfind('#', 0) == 0) {
        const std::size_t text = line.find_first_not_of("# ");
        if (text == std::string::npos)
            break;
        comment += (comment.empty() ? "" : " ") + line.substr(text);
    }
    return comment;
}

} // namespace

std::string presetSummary(const std::string& yamlText) {
    std::string comment = openingComment(yamlText);
    int depth = 0;
    for (std::size_t i = 0; i + 1 < comment.size(); ++i) {
        const char c = comment[i];
        if (c == '(')
            ++depth;
        else if (c == ')')
            depth = std::max(0, depth - 1);
        else if (depth == 0 && (c == ':' || c == '.') && comment[i + 1] == ' ')
            return comment.substr(0, i);
    }
    if (!comment.empty() && comment.back() == '.')
        comment.pop_back();
    return comment;
}

} // namespace tb::engine
