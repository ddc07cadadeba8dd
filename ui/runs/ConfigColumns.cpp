#include "ui/runs/ConfigColumns.h"

#include "ui/util/Format.h"

#include <set>
#include <unordered_set>

namespace tb::ui {

using tb::engine::RunRecord;
using tb::engine::RunSummary;

const std::string& ConfigColumns::cacheKey(const RunRecord& run) {
    return run.configHash.empty() ? run.configYaml : run.configHash;
}

void ConfigColumns::read(const std::vector<RunSummary>& runs) {
    std::unordered_set<std::string> listed;
    for (const RunSummary& summary : runs) {
        const std::string& key = cacheKey(summary.run);
        listed.insert(key);
        if (m_configs.count(key))
            continue;
        std::vector<std::string> notes; // an unreadable config shows empty cells
        m_configs.emplace(key, tb::engine::flatConfig(summary.run, notes));
    }
    for (auto it = m_configs.begin(); it != m_configs.end();)
        it = listed.count(it->first) ? std::next(it) : m_configs.erase(it);
}

QString ConfigColumns::value(const RunRecord& run, int index) const {
    const auto config = m_configs.find(cacheKey(run));
    if (config == m_configs.end() || index < 0 || index >= m_keys.size())
        return {};
    const std::string* text = tb::engine::fieldValue(config->second, m_keys[index].toStdString());
    return text ? toQString(*text) : QString();
}

QStringList ConfigColumns::availableKeys(const std::vector<RunSummary>& runs) {
    read(runs);
    QStringList keys;
    std::set<std::string> seen;
    for (const RunSummary& summary : runs) // newest first
        for (const auto& [field, text] : m_configs.at(cacheKey(summary.run)))
            if (seen.insert(field).second)
                keys << toQString(field);
    return keys;
}

} // namespace tb::ui
