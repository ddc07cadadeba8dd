// Finding the checkpoint of a workspace's run that a run reference names.
#pragma once

#include "engine/config/RunReference.h"

#include <optional>
#include <string>

namespace tb::engine {

/// A checkpoint file and how a log names it.
struct RunCheckpoint {
    std::string path;
    std::string origin; ///< "run 12's best epoch (epoch 7)", "run 12's last checkpoint (...)"
};

/// The checkpoint `ref` names in the workspace at `databasePath`: its best epoch's, its last,
/// or with no kind given the best and else the last. A run that trained no epoch (a test of
/// other weights) has none: its model.init_from's weights are found instead, which is what it
/// tested. Nullopt with `problem` saying why when the run, its checkpoint or the file is missing
/// or the workspace cannot be read (the caller adds what to pick instead).
std::optional<RunCheckpoint>
findRunCheckpoint(const RunReference& ref, const std::string& databasePath, std::string& problem);

/// The checkpoint a model.init_from value names: a run reference's (as findRunCheckpoint), or
/// the file it is the path of (not looked at here). Nullopt with `problem` as
/// findRunCheckpoint's.
std::optional<RunCheckpoint> findInitialCheckpoint(const std::string& initFrom,
                                                   const std::string& databasePath,
                                                   std::string& problem);

} // namespace tb::engine
