#include "engine/store/ExperimentSettings.h"

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
                            const std::vector<const ExperimentSettings*>& others) {
    std::set<std::string> differing;
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
        text += (text.empty() ? "" : ", ") + key + "=" + mine.at(key);
    return text;
}

} // namespace tb::engine
