#include "engine/store/ExperimentSettings.h"

#include <cctype>
#include <charconv>
#include <set>

namespace tb::engine {

ExperimentSettings experimentSettings(const FlatConfig& config,
                                      bool (*ignored)(const std::string& key)) {
    ExperimentSettings settings;
    for (const auto& [key, value] : config) {
        if (!ignored(key))
            settings.emplace(key, value);
    }
    return settings;
}

std::string differingFields(const ExperimentSettings& mine,
                            const std::vector<const ExperimentSettings*>& others,
                            const std::set<std::string>& shownAnyway) {
    std::set<std::string> differing;
    for (const std::string& key : shownAnyway)
        if (mine.count(key) > 0)
            differing.insert(key);
    for (const ExperimentSettings* other : others) {
        if (other == &mine)
            continue;
        for (const auto& [key, value] : mine) {
            const auto it = other->find(key);
            if (it == other->end() || it->second != value)
                differing.insert(key);
        }
    }
    std::string text;
    for (const std::string& key : differing)
        text += (text.empty() ? "" : ", ") + key + "=" +
                (mine.at(key).empty() ? "(none)" : mine.at(key));
    return text;
}

bool inValueOrder(const std::string& a, const std::string& b) {
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        if (std::isdigit(static_cast<unsigned char>(a[i])) &&
            std::isdigit(static_cast<unsigned char>(b[j]))) {
            double x = 0.0;
            double y = 0.0;
            const char* endA = std::from_chars(a.data() + i, a.data() + a.size(), x).ptr;
            const char* endB = std::from_chars(b.data() + j, b.data() + b.size(), y).ptr;
            if (x != y)
                return x < y;
            i = static_cast<std::size_t>(endA - a.data());
            j = static_cast<std::size_t>(endB - b.data());
            continue;
        }
        if (a[i] != b[j])
            return a[i] < b[j];
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

} // namespace tb::engine
