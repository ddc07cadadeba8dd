#include "Commands.h"
#include "ConfigSource.h"
#include "ExitCodes.h"
#include "ProcessGroupLaunch.h"
#include "ProgressPrinter.h"
#include "TrainingSession.h"
#include "engine/devices/DeviceInfo.h"
#include "engine/training/RunController.h"
#include "engine/util/Environment.h"
#include "engine/util/LocalPort.h"

#include <algorithm>
#include <csignal>
#include <iostream>

namespace tb::cli {
using namespace tb::engine;

namespace {

struct TrainArgs {
    ConfigRequest request;
    std::string database;
    std::string name;
    int processes = 1; ///< --nproc
};

/// What a process other than rank 0 prints: only why it failed, the rest is rank 0's to show.
class WorkerReporter : public EventObserver {
public:
    explicit WorkerReporter(int rank)
        : m_rank(rank) {}
    void onEvent(const Event& event) override {
        if (const auto* line = std::get_if<LogLine>(&event); line && line->level == LogLevel::Error)
            std::cerr << "process " << m_rank << ": " << line->text << "\n";
    }

private:
    int m_rank;
};

/// The arguments that make a worker train what this process trains (`--nproc` aside).
std::vector<std::string> workerArguments(const TrainArgs& args) {
    std::vector<std::string> out{"train", args.request.source, "--db", args.database};
    if (!args.request.device.empty())
        out.insert(out.end(), {"--device", args.request.device});
    for (const std::string& o : args.request.overrides)
        out.insert(out.end(), {"--set", o});
    if (!args.name.empty())
        out.insert(out.end(), {"--name", args.name});
    return out;
}

bool overrides(const ConfigRequest& request, const std::string& key) {
    for (const std::string& o : request.overrides) {
        if (o.rfind(key + "=", 0) == 0)
            return true;
    }
    return false;
}

/// The group this process belongs to: the one `--nproc` starts (with this process as rank 0)
/// or the one a launcher such as torchrun put it in; none for a one-process run.
std::optional<GroupRole> groupRole(const TrainArgs& args) {
    if (args.processes <= 1)
        return roleFromEnvironment();
    GroupRole role;
    role.worldSize = args.processes;
    role.localWorldSize = args.processes;
    if (!overrides(args.request, "dist.master_port")) // two runs at once must not collide
        role.masterPort = freeLocalPort();
    return role;
}

/// Why a process of the group would find no device to train on; empty when each has one.
std::string unusableGroupDevice(const Config& config, const GroupRole& role) {
    const std::string device = config.getString("device");
    for (int rank = 0; rank < role.worldSize; ++rank) {
        const std::string id = deviceForRole(device, rank);
        std::string reason;
        if (!deviceUsable(id, reason))
            return "device: process " + std::to_string(rank) + " would train on " + id +
                   ", which cannot be used: " + reason +
                   (rank == 0 ? "; pick another device (trainbench-cli devices lists them)"
                              : "; lower --nproc");
    }
    return {};
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

/// Each process of a machine trains on its own accelerator and its share of the cores.
void fitToRole(Config& config, const GroupRole& role) {
    config.set("device", deviceForRole(config.getString("device"), role.localRank));
    // `threads: 0` means every core; the processes on a machine share them, or each would start
    // a thread per core and they would all wait on each other.
    if (config.getInt("threads") == 0)
        config.set("threads", std::int64_t{std::max(1, hardwareThreads() / role.localWorldSize)});
}

RunOptions runOptions(const TrainArgs& args, const std::optional<GroupRole>& role) {
    RunOptions options;
    options.databasePath = args.database;
    options.runName = args.name;
    if (!role || role->rank == 0) {
        options.observers.push_back(std::make_shared<ProgressPrinter>(stderr));
    } else {
        options.observers.push_back(std::make_shared<WorkerReporter>(role->rank));
    }
    if (role) {
        options.rank = role->rank;
        options.storeServedByAgent = role->storeServedByAgent;
    }
    return options;
}

int train(const TrainArgs& args) {
    std::optional<GroupRole> role;
    try {
        role = groupRole(args);
    } catch (const std::invalid_argument& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kInvalidInput;
    }
    ConfigRequest request = args.request;
    if (role) {
        const std::vector<std::string> group = groupOverrides(*role);
        request.overrides.insert(request.overrides.end(), group.begin(), group.end());
    }
    LoadedConfig loaded = loadConfig(request);
    if (!loaded.issues.empty()) {
        std::cerr << "error: " << loaded.path << " is not a valid config:\n"
                  << formatIssues(loaded.issues);
        return kInvalidInput;
    }
    if (role)
        fitToRole(*loaded.config, *role);
    const bool leads = !role || role->rank == 0;
    if (args.processes > 1) {
        if (const std::string problem = unusableGroupDevice(*loaded.config, *role);
            !problem.empty()) {
            std::cerr << "error: cannot start the run:\n" << problem << "\n";
            return kInvalidInput;
        }
    }

    createDefaultWorkspaceFolder(args.database);

    // The workers start first: a run that cannot start then ends them (they write nothing)
    // instead of leaving this process waiting at the rendezvous for workers that never came.
    std::vector<Worker> workers;
    try {
        if (args.processes > 1)
            workers = startWorkers(*role, workerArguments(args));
    } catch (const std::runtime_error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kRunFailed;
    }
    RunController controller;
    const StartResult started = controller.start(*loaded.config, runOptions(args, role));
    if (!started.started)
        collectWorkers(workers, RunStatus::Failed);
    if (!started.issues.empty()) {
        std::cerr << "error: cannot start the run:\n" << formatIssues(started.issues);
        return kInvalidInput;
    }
    if (!started.started) {
        std::cerr << "error: " << started.error << "\n";
        return kStoreError;
    }

    const RunStatus status = waitForRun(controller, leads);
    const bool workersClean = collectWorkers(workers, status);
    if (!leads)
        return exitCodeFor(status);
    const int exitCode = reportRunEnd(controller, started.runId, status, args.database);
    return workersClean || exitCode == kStoreError ? exitCode : kRunFailed;
}

} // namespace

void addTrainCommand(CLI::App& app, int& exitCode) {
    auto args = std::make_shared<TrainArgs>();
    args->database = defaultWorkspacePath();
    CLI::App* cmd = app.add_subcommand("train", "Train the experiment a config describes");
    cmd->add_option("config", args->request.source,
                    "Config file, or the name of a preset (e.g. fashion-mnist-cnn)")
        ->required();
    cmd->add_option("--db", args->database, "Workspace database")->capture_default_str();
    cmd->add_option("--device", args->request.device, "cpu, cuda:N or npu:N (overrides device)");
    cmd->add_option("--set", args->request.overrides, "Override a field: key=value (repeatable)");
    cmd->add_option("--name", args->name, "Run name (default: the config's name)");
    cmd->add_option("--nproc", args->processes,
                    "Train data-parallel in this many processes on this machine (on cuda:K, "
                    "process i uses cuda:K+i)")
        ->check(CLI::Range(1, 1024));
    cmd->callback([args, &exitCode] { exitCode = train(*args); });
}

} // namespace tb::cli
