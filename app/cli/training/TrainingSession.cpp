#include "TrainingSession.h"

#include "ExitCodes.h"
#include "ProgressPrinter.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <thread>

namespace tb::cli {
using namespace tb::engine;

namespace {

std::atomic<bool> g_interrupted{false};

void onInterrupt(int signal) {
    g_interrupted = true;
    // A second Ctrl+C ends the process at once; the run is then marked failed when the
    // workspace is next opened.
    std::signal(signal, SIG_DFL);
}

/// Reports workers that did not end as this process did, killing those still running when
/// this process failed (they may be waiting for it; they write nothing, so nothing is lost);
/// returns whether all ended as it did.
bool collectWorkers(std::vector<Worker>& workers, RunStatus status) {
    bool clean = true;
    for (Worker& w : workers) {
        checkExit(w);
        if (!w.exitCode && status == RunStatus::Failed) {
            ::kill(w.pid, SIGKILL);
            waitForExit(w);
            continue;
        }
        if (const int code = waitForExit(w); code != exitCodeFor(status)) {
            std::cerr << "process " << w.rank << " ended with exit code " << code << "\n";
            clean = false;
        }
    }
    return clean;
}

/// Process 0 (or the only one) shows the run's progress; the others only why they failed.
void takeRole(RunOptions& options, const std::optional<GroupRole>& role) {
    if (!role || role->rank == 0) {
        options.observers.push_back(std::make_shared<ProgressPrinter>(stderr));
    } else {
        options.observers.push_back(std::make_shared<WorkerReporter>(role->rank));
    }
    if (role) {
        options.rank = role->rank;
        options.storeServedByAgent = role->storeServedByAgent;
    }
}

} // namespace

int runSession(Session session) {
    std::vector<Worker> workers;
    try {
        if (!session.workerArguments.empty())
            workers = startWorkers(*session.role, session.workerArguments);
    } catch (const std::runtime_error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kRunFailed;
    }
    takeRole(session.options, session.role);
    RunController controller;
    const StartResult started = controller.start(session.config, session.options);
    if (!started.started)
        collectWorkers(workers, RunStatus::Failed);
    if (!started.issues.empty()) {
        std::cerr << "error: " << session.refusal << ":\n" << formatIssues(started.issues);
        return kInvalidInput;
    }
    if (!started.started) {
        std::cerr << "error: " << started.error << "\n";
        return kStoreError;
    }

    const bool leads = !session.role || session.role->rank == 0;
    const RunStatus status = waitForRun(controller, leads);
    const bool workersClean = collectWorkers(workers, status);
    if (!leads)
        return exitCodeFor(status);
    const int exitCode =
        reportRunEnd(controller, started.runId, status, session.options.databasePath);
    return workersClean || exitCode == kStoreError ? exitCode : kRunFailed;
}

RunStatus waitForRun(RunController& controller, bool leads) {
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    bool stopping = false;
    while (controller.isActive()) {
        if (g_interrupted && !stopping) {
            stopping = true;
            controller.stop();
            if (leads)
                std::cerr << "\nstopping after the current step; press Ctrl+C again to quit at "
                             "once (the run is then stored as failed)\n";
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return controller.wait();
}

bool interrupted() {
    return g_interrupted;
}

int reportRunEnd(const RunController& controller, std::int64_t runId, RunStatus status,
                 const std::string& database) {
    if (const std::string problem = controller.storeProblem(); !problem.empty()) {
        std::cerr << "run " << runId << " " << toString(status) << "\nerror: " << problem << "\n";
        return kStoreError;
    }
    std::cerr << "run " << runId << " " << toString(status) << "; stored in " << database << "\n";
    return exitCodeFor(status);
}

int exitCodeFor(RunStatus status) {
    if (status == RunStatus::Finished)
        return kSuccess;
    return status == RunStatus::Stopped ? kInterrupted : kRunFailed;
}

} // namespace tb::cli
