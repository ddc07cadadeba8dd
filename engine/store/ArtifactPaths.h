// How a workspace stores the paths of its runs' files (checkpoints, forecasts, scalers):
// relative to its own folder where they lie in it, so that the files stay found when the
// workspace is opened from another directory, or moved or copied with its `.artifacts` folder.
#pragma once

#include <string>

namespace tb::engine {

/// The form `path` (absolute, or relative to the working directory) is stored in: relative to
/// the folder of the workspace `databasePath` when it lies inside it, absolute otherwise. An
/// in-memory workspace (`:memory:`) stores paths as they are given.
std::string storedArtifactPath(const std::string& path, const std::string& databasePath);

/// The absolute path of the stored `stored`. A relative one is read against the folder of the
/// workspace `databasePath`; one that passes through the workspace's own artifacts folder
/// (`runs/ws.db.artifacts/run-3/best.pt`: earlier builds stored paths relative to the directory
/// a training started in) is read from that folder on.
std::string resolvedArtifactPath(const std::string& stored, const std::string& databasePath);

} // namespace tb::engine
