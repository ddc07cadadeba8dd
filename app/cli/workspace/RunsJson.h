// `runs list --json` and `runs show --json`: the runs as data for scripts (jq, Python, a
// notebook), every final metric included, instead of tables to parse.
#pragma once

#include "engine/store/RunRecord.h"

#include <string>
#include <vector>

namespace tb::cli {

/// The run's tags, in the order they were given.
std::vector<std::string> tagsOf(const tb::engine::RunRecord& run);

/// The runs as a JSON array in their order: each with its identity, status, device, times,
/// tags, star and notes, the config `fields` asked for (numbers and true/false as such, other
/// values as text; null where the config has none) and every final metric (null for one that
/// is not a number).
std::string runsJson(const std::vector<tb::engine::RunSummary>& runs,
                     const std::vector<std::string>& fields);

/// What `runs show` says of `run` as one JSON object: the above with its host, threads,
/// LibTorch version, seed and config hash, its files (kind, epoch, path) and its config text.
std::string runJson(const tb::engine::RunRecord& run,
                    const std::vector<tb::engine::MetricValue>& finalMetrics,
                    const std::vector<tb::engine::ArtifactRecord>& files);

} // namespace tb::cli
