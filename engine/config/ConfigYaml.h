// Reading, writing, overriding and validating configs as YAML.
#pragma once

#include "engine/config/Config.h"
#include "engine/config/ConfigIssue.h"

#include <string>
#include <string_view>

namespace tb::engine {

/// A parsed config plus everything wrong with it. `issues` empty means valid.
struct ConfigParseResult {
    Config config;
    ConfigIssues issues;
};

/// Parses nested YAML (`train: {epochs: 3}`) into a config. Syntax errors (with line and
/// column), unknown keys (with a "did you mean" hint) and values of the wrong type become
/// issues; never throws. Does not run validateConfig.
ConfigParseResult parseConfigYaml(std::string_view yamlText, const Schema& schema);

/// parseConfigYaml on a file, then resolveRelativePaths from the file's folder; a missing
/// or unreadable file is one issue naming the path.
ConfigParseResult loadConfigFile(const std::string& path, const Schema& schema);

/// Makes every relative Path field absolute by starting it at `baseFolder` (itself taken
/// from the working folder when relative), so a config names the same files wherever the
/// program runs from. Absolute and empty paths stay as they are; an empty `baseFolder` (a
/// config with no folder, such as one compiled into the app) leaves every path unchanged.
void resolveRelativePaths(Config& config, const std::string& baseFolder);

/// Nested YAML of every field active for this config (set values and defaults), in schema
/// order, with each field's help as a comment. parseConfigYaml(toYaml(c)) == c's values.
std::string toYaml(const Config& config);

/// Writes toYaml(config) to `path`; returns false and sets `error` on failure.
bool saveConfigFile(const Config& config, const std::string& path, std::string& error);

/// Applies `key=value` (the CLI's --set) parsing the value by the field's type.
ConfigIssues applyOverride(Config& config, std::string_view assignment);

/// Per-field checks (type, range, enum choice, field of another model family or data kind)
/// then the schema's cross-field rules. Lists every problem; never throws.
ConfigIssues validateConfig(const Config& config);

/// Stable hex digest of the effective values (defaults included), for grouping runs.
std::string configHash(const Config& config);

/// The candidate closest to `word` by edit distance, or empty when none is close.
std::string closestMatch(std::string_view word, const std::vector<std::string>& candidates);

} // namespace tb::engine
