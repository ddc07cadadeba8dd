// Facts about the machine and the clock that runs record.
#pragma once

#include <string>

namespace tb::engine {

/// This machine's host name, or "unknown".
std::string hostName();

/// Now as UTC ISO-8601 with milliseconds: `2026-11-23T09:15:02.123Z`.
std::string utcNowIso();

/// Hardware threads of this machine (at least 1).
int hardwareThreads();

} // namespace tb::engine

namespace tb::engine {

/// The workspace database used when none is named: `$XDG_DATA_HOME/trainbench/workspace.db`
/// (`~/.local/share/trainbench/workspace.db`). The GUI and the CLI share it.
std::string defaultWorkspacePath();

} // namespace tb::engine
