#include "engine/config/YamlQuotes.h"

namespace tb::engine {
namespace {

/// Whether the quoted scalar opening at `open` closes: `"` skips backslash escapes, `'` its
/// doubled quotes.
bool closes(const std::string& text, std::size_t open) {
    const char quote = text[open];
    for (std::size_t i = open + 1; i < text.size(); ++i) {
        if (quote == '"' && text[i] == '\\')
            ++i;
        else if (text[i] == quote && quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'')
            ++i;
        else if (text[i] == quote)
            return true;
    }
    return false;
}

bool unclosedAt(const std::string& text, const YAML::Node& scalar) {
    const int pos = scalar.Mark().pos;
    if (pos < 0 || static_cast<std::size_t>(pos) >= text.size())
        return false;
    const char first = text[static_cast<std::size_t>(pos)];
    return (first == '"' || first == '\'') && !closes(text, static_cast<std::size_t>(pos));
}

} // namespace

std::optional<YAML::Mark> unclosedQuote(const std::string& text, const YAML::Node& node) {
    if (node.IsScalar())
        return unclosedAt(text, node) ? std::optional(node.Mark()) : std::nullopt;
    if (node.IsSequence()) {
        for (const YAML::Node& item : node)
            if (auto mark = unclosedQuote(text, item))
                return mark;
    }
    if (node.IsMap()) {
        for (const auto& entry : node) {
            if (auto mark = unclosedQuote(text, entry.first))
                return mark;
            if (auto mark = unclosedQuote(text, entry.second))
                return mark;
        }
    }
    return std::nullopt;
}

} // namespace tb::engine
