#include "TrainingSession.h"

#include "ExitCodes.h"
#include "engine/util/Environment.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
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

} // namespace

void createDefaultWorkspaceFolder(const std::string& database) {
    if (database != defaultWorkspacePath())
        return;
    std::error_code ignored; // the store names the folder if this fails
    std::filesystem::create_directories(std::filesystem::path(database).parent_path(), ignored);
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
