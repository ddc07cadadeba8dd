// Finding and assembling the config a command works on.
#pragma once

#include "engine/config/Config.h"
#include "engine/config/ConfigIssue.h"

#include <optional>
#include <string>
#include <vector>

namespace tb::cli {

/// A config file or a preset name (`fashion-mnist-cnn`), with `--set` and `--device` applied.
struct ConfigRequest {
    std::string source;
    std::vector<std::string> overrides; ///< key=value
    std::string device;                 ///< empty: keep the config's
};

struct LoadedConfig {
    std::optional<tb::engine::Config> config;
    tb::engine::ConfigIssues issues;
    std::string path; ///< the file actually read
};

/// Reads the file (or the preset of that name) and applies the overrides; `issues` are what
/// could not be read or applied. No validateConfig: a sweep validates each of its configs.
LoadedConfig readConfig(const ConfigRequest& request);

/// readConfig, then validateConfig's issues too.
LoadedConfig loadConfig(const ConfigRequest& request);

} // namespace tb::cli
