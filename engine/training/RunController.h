// Starts an experiment on the engine thread and steers it.
#pragma once

#include "engine/config/Config.h"
#include "engine/config/ConfigIssue.h"
#include "engine/events/EventObserver.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tb::engine {

/// Where a run writes and who listens to it.
struct RunOptions {
    /// Workspace database; the run row is created before start() returns, and the run's files
    /// go to `<database>.artifacts/run-<id>/` beside it.
    std::string databasePath;
    /// Receive every event on the engine thread (besides the built-in store writer).
    std::vector<std::shared_ptr<EventObserver>> observers;
    /// Display name of the run; empty: the config's `name`.
    std::string runName;
    /// The run's tags, comma-separated (a sweep tags each of its runs).
    std::string tags;
    /// This process's rank in a data-parallel run (`dist.world_size` > 1). Rank 0 creates the
    /// run in the workspace and saves its checkpoints and metrics; the others train, publish
    /// to `observers` only and write nothing. Unset: this program trains in one process, and a
    /// config asking for several is refused with how to start them.
    std::optional<int> rank;
    /// torchrun's agent already serves the rendezvous (TORCHELASTIC_USE_AGENT_STORE).
    bool storeServedByAgent = false;
    /// Go on with this ended run (stopped, failed, or finished and given more epochs) from its
    /// last checkpoint, as the same run, instead of creating one; the config is the run's own,
    /// train.epochs perhaps raised. What the run recorded after that checkpoint is dropped and
    /// trained again. 0: a new run.
    std::int64_t continueRunId = 0;
};

/// The outcome of start(): either a run id or everything that prevented starting.
struct StartResult {
    bool started = false;
    std::int64_t runId = 0;
    ConfigIssues issues; ///< invalid config, missing dataset, unusable device
    std::string error;   ///< database could not be opened, etc.
};

/// Owns one engine thread that trains one run at a time. All methods are thread-safe; the
/// commands (pause, resume, stop, checkpoint) take effect between optimizer steps.
///
/// Example:
/// ```
/// RunController rc;
/// StartResult r = rc.start(config, options);
/// if (!r.started) { print(formatIssues(r.issues)); return; }
/// RunStatus s = rc.wait();
/// ```
class RunController {
public:
    RunController();
    ~RunController(); ///< stops a running run and joins the thread

    RunController(const RunController&) = delete;
    RunController& operator=(const RunController&) = delete;

    /// Validates the config (schema rules, dataset files, device), creates the run row (or
    /// readies the run to continue) and starts training. Refuses while a run is active.
    StartResult start(const Config& config, const RunOptions& options);

    void pause();
    void resume();
    void stop();
    void requestCheckpoint();

    bool isActive() const;
    bool isPaused() const;
    std::int64_t runId() const;

    /// Blocks until the current run ends; returns its final status.
    RunStatus wait();

    /// After wait(): why the last run's record in the workspace is incomplete (events that
    /// could not be written, with the reason and what to do); empty when it is complete.
    std::string storeProblem() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Checks that only the engine can make: dataset files exist and parse, the device is
/// usable, the data fits the model. Does not include validateConfig's schema checks.
ConfigIssues preflightConfig(const Config& config);

} // namespace tb::engine
