// Config fields shown as columns of the runs table (`train.batch_size`, `train.amp`).
#pragma once

#include "engine/store/FlatConfig.h"

#include <QString>
#include <QStringList>
#include <string>
#include <unordered_map>
#include <vector>

namespace tb::ui {

/// The chosen config keys and each run's value of them. A stored config never changes, so
/// each is parsed once; nothing is parsed while no key is chosen and the keys on offer are
/// not asked for.
class ConfigColumns {
public:
    const QStringList& keys() const { return m_keys; }
    void setKeys(const QStringList& keys) { m_keys = keys; }

    /// Parses the configs of `runs` not parsed yet; forgets those of runs no longer listed.
    void read(const std::vector<tb::engine::RunSummary>& runs);
    /// The value of the `index`th chosen key in `run`'s config (read() first); empty when
    /// its config has no such field.
    QString value(const tb::engine::RunRecord& run, int index) const;
    /// Every key of the configs of `runs`: the newest config's in its order, then any others.
    QStringList availableKeys(const std::vector<tb::engine::RunSummary>& runs);

private:
    static const std::string& cacheKey(const tb::engine::RunRecord& run);

    QStringList m_keys;
    /// By config hash (the YAML itself where a run has none): runs sharing a config share it.
    std::unordered_map<std::string, tb::engine::FlatConfig> m_configs;
};

} // namespace tb::ui
