// What the commands that train (train, continue, sweep) do around a run: the workspace's
// folder, the processes of a data-parallel run, Ctrl+C, waiting, the exit code.
#pragma once

#include "ProcessGroupLaunch.h"
#include "engine/config/Config.h"
#include "engine/events/Event.h"
#include "engine/training/RunController.h"

#include <optional>
#include <string>
#include <vector>

namespace tb::cli {

/// Waits for the run, turning Ctrl+C into a stop between steps, so that the run is stored as
/// stopped with its last checkpoint; a second Ctrl+C quits at once. A terminal's Ctrl+C reaches
/// every process of a group, which then stop at the same step. `leads`: this process speaks
/// for the run (says it is stopping).
tb::engine::RunStatus waitForRun(tb::engine::RunController& controller, bool leads);

/// Whether Ctrl+C (or SIGTERM) has come since the first waitForRun().
bool interrupted();

/// 0 for a finished run, 130 for one stopped by Ctrl+C, 1 for a failed one.
int exitCodeFor(tb::engine::RunStatus status);

/// Says how run `runId` ended and where it is stored, or what of it the workspace lacks; the
/// exit code: exitCodeFor(status), or kStoreError when events were lost.
int reportRunEnd(const tb::engine::RunController& controller, std::int64_t runId,
                 tb::engine::RunStatus status, const std::string& database);

/// A run a command trains: this process's part of it, and for a data-parallel run this process
/// launches, how to start the others.
struct Session {
    tb::engine::Config config;                ///< fitted to the role
    tb::engine::RunOptions options;           ///< its observers and rank follow from the role
    std::optional<GroupRole> role;            ///< none: a one-process run
    std::vector<std::string> workerArguments; ///< non-empty: start processes 1, 2, ... with them
    std::string refusal;                      ///< "cannot start the run": said before the issues
};

/// Starts the other processes (first: a run that cannot start then ends them instead of
/// leaving this one at the rendezvous), then this process's run; waits for all; says how the
/// run ended. The exit code; a worker that ended otherwise than this process makes it
/// kRunFailed.
int runSession(Session session);

} // namespace tb::cli
