// Runs whose training process ended without saying so: SIGKILL, a crash, a power cut.
#include "engine/store/RunStore.h"
#include "engine/store/StoreConnection.h"
#include "engine/util/Environment.h"

#include <cerrno>
#include <signal.h>

namespace tb::engine {

namespace {

/// Whether a process with this id exists. A process of another user counts (EPERM); a
/// recycled id reads as alive, which leaves the run as it was rather than failing a live one.
bool processExists(std::int64_t pid) {
    return kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

} // namespace

std::vector<AbandonedRun> RunStore::abandonedRuns() const {
    std::vector<AbandonedRun> candidates;
    {
        sql::StatementRef query = m_impl->m_db.cached(
            "SELECT id, pid FROM runs WHERE status IN ('running', 'paused') AND pid > 0"
            " AND host = ?1");
        query->bind(1, hostName());
        while (query->step())
            candidates.push_back({query->int64(0), query->int64(1)});
    }
    std::vector<AbandonedRun> abandoned;
    for (const AbandonedRun& run : candidates)
        if (!processExists(run.pid))
            abandoned.push_back(run);
    return abandoned;
}

std::vector<std::int64_t> RunStore::failAbandonedRuns() {
    // Read first and write only when there is something to mark: opening a store that
    // another process is writing to must not wait for its lock.
    std::vector<std::int64_t> failed;
    for (const AbandonedRun& run : abandonedRuns()) {
        setRunStatus(run.runId, RunStatus::Failed,
                     "its process (pid " + std::to_string(run.pid) +
                         ") ended while it was training: killed or crashed. What it wrote "
                         "until then (metrics, logs, checkpoints) is kept");
        failed.push_back(run.runId);
    }
    return failed;
}

} // namespace tb::engine
