// Deleting runs from a workspace, with the files they wrote.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tb::engine {

class RunStore;

/// What deleteRuns() removed, and what it could not.
struct DeletionReport {
    int runs = 0;
    int files = 0;                     ///< checkpoints, forecasts, scalers removed from disk
    int filesElsewhere = 0;            ///< left alone: outside the workspace's folder
    std::vector<std::string> problems; ///< files that could not be removed, one line each
};

/// Deletes the runs with all their rows, and the files they wrote (checkpoints, forecasts,
/// scalers) inside the workspace's own folder (`<workspace>.artifacts/`) that no run left in
/// the workspace names, with whatever else lies in a deleted run's own `run-N/` folder (files
/// earlier Trainbenches wrote without listing them); a folder left empty goes too. Files
/// elsewhere stay: a run merged from another workspace names that workspace's files. Throws
/// StoreError, deleting nothing, when a run does not exist or is still training ("run 7 is
/// still training; stop it first"). A file that cannot be removed is reported, not fatal.
DeletionReport deleteRuns(RunStore& store, const std::vector<std::int64_t>& runIds);

} // namespace tb::engine
