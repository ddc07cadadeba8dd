// The grid a sweep trains: every combination of a few values of a few config fields.
#pragma once

#include "engine/config/Config.h"
#include "engine/config/ConfigIssue.h"

#include <ctime>
#include <string>
#include <vector>

namespace tb::engine {

/// One field and the values a sweep gives it: `train.batch_size=64,128,256`.
struct GridAxis {
    std::string key;
    std::vector<std::string> values;
};

/// Reads `key=v1,v2,...`; spaces around a value are dropped. Throws std::invalid_argument
/// naming what is wrong and what to write instead.
GridAxis parseGridAxis(const std::string& text);

/// Every combination of the axes' values as `key=value` overrides, the first axis varying
/// slowest (as nested loops in the order given). Throws std::invalid_argument when two axes
/// name one field.
std::vector<std::vector<std::string>> gridCombinations(const std::vector<GridAxis>& axes);

/// `base (train.batch_size=64, data.num_workers=2)`: a sweep run's name, as the speed
/// ledger tells experiments of one name apart.
std::string sweepRunName(const std::string& base, const std::vector<std::string>& combination);

/// The base of a name sweepRunName() made (`mlp` of `mlp (train.batch_size=64, seed=1)`): the
/// name less a last parenthesis of `key=value` items. Any other name as it is.
std::string sweepBaseName(const std::string& name);

/// `sweep-20261206-104500` (local time): the tag every run of one sweep carries, so the
/// runs can be found together later.
std::string sweepTag(std::time_t startedAt);

/// What is wrong with `tag` as the one tag of a sweep's runs (a comma would make two); empty
/// when nothing is.
std::string sweepTagProblem(const std::string& tag);

/// One combination of a sweep: its overrides, the config they give and that run's name.
/// `issues` empty: the config is valid.
struct SweepRun {
    std::vector<std::string> overrides;
    Config config;
    std::string name;
    ConfigIssues issues;
};

/// Every combination of `axes` applied to `base` and validated (validateConfig), in
/// gridCombinations' order. Throws std::invalid_argument as gridCombinations does.
std::vector<SweepRun> expandSweep(const Config& base, const std::vector<GridAxis>& axes);

} // namespace tb::engine
