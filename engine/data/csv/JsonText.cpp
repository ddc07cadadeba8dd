#include "engine/data/csv/JsonText.h"

#include <cmath>
#include <cstdio>

namespace tb::engine {

std::string jsonString(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof(escaped), "\\u%04x", c);
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string jsonStrings(const std::vector<std::string>& texts) {
    std::string out = "[";
    for (std::size_t i = 0; i < texts.size(); ++i)
        out += (i == 0 ? "" : ", ") + jsonString(texts[i]);
    return out + "]";
}

std::string jsonNumbers(const std::vector<double>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        char number[32] = "null";
        if (std::isfinite(values[i]))
            std::snprintf(number, sizeof(number), "%.17g", values[i]);
        out += (i == 0 ? "" : ", ") + std::string(number);
    }
    return out + "]";
}

} // namespace tb::engine
