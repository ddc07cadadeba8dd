// The folder beside a workspace that holds one run's files: `<workspace>.artifacts/run-<id>/`.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace tb::engine {

/// The folder only run `runId` of the workspace `databasePath` writes into.
std::filesystem::path runFolder(const std::string& databasePath, std::int64_t runId);

/// Moves what a new run's `folder` already holds, which a workspace deleted and created again at
/// the same path left there, to a sibling (`run-3.earlier`, then `run-3.earlier-2`, ...), so that
/// none of it passes for the new run's and none of it is overwritten; a file or link standing
/// where the folder goes is moved the same way. Returns the sibling's path; empty when nothing
/// is in the way. Throws std::filesystem::filesystem_error when it cannot be moved.
std::string setAsideEarlierFiles(const std::filesystem::path& folder);

} // namespace tb::engine
