#include "engine/util/CsvFields.h"

#include <cctype>

namespace tb::engine {

std::string_view trimmedCsvText(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

void splitCsvFields(std::string_view line, std::vector<std::string_view>& fields) {
    fields.clear();
    std::size_t start = 0;
    bool quoted = false;
    for (std::size_t i = 0; i <= line.size(); ++i) {
        if (i < line.size() && line[i] == '"') {
            quoted = !quoted;
            continue;
        }
        if (i < line.size() && (quoted || line[i] != ','))
            continue;
        std::string_view field = trimmedCsvText(line.substr(start, i - start));
        if (field.size() >= 2 && field.front() == '"' && field.back() == '"')
            field = trimmedCsvText(field.substr(1, field.size() - 2));
        fields.push_back(field);
        start = i + 1;
    }
}

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (const char c : text) {
        quoted += c;
        if (c == '"')
            quoted += '"';
    }
    return quoted + '"';
}

} // namespace tb::engine
