#include "Commands.h"
#include "ConfigSource.h"
#include "ExitCodes.h"
#include "ProcessGroupLaunch.h"
#include "TrainingSession.h"
#include "engine/training/RunController.h"
#include "engine/util/Environment.h"
#include "workspace/WorkspaceFolder.h"

#include <algorithm>
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

/// The group this process belongs to: the one `--nproc` starts (with this process as rank 0)
/// or the one a launcher such as torchrun put it in; none for a one-process run.
std::optional<GroupRole> groupRole(const TrainArgs& args) {
    if (args.processes <= 1)
        return roleFromEnvironment();
    return launcherRole(args.processes);
}

/// Whether the user named the port `--nproc`'s processes meet on (else the role found a free
/// one).
bool namesThePort(const TrainArgs& args) {
    return std::any_of(args.request.overrides.begin(), args.request.overrides.end(),
                       [](const std::string& o) { return o.rfind("dist.master_port=", 0) == 0; });
}

int train(const TrainArgs& args) {
    std::optional<GroupRole> role;
    try {
        role = groupRole(args);
    } catch (const std::invalid_argument& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kInvalidInput;
    }
    LoadedConfig loaded = loadConfig(args.request);
    if (!loaded.issues.empty()) {
        std::cerr << "error: " << loaded.path << " is not a valid config:\n"
                  << formatIssues(loaded.issues);
        return kInvalidInput;
    }
    if (role) {
        if (args.processes > 1 && namesThePort(args))
            role->masterPort = static_cast<int>(loaded.config->getInt("dist.master_port"));
        fitToRole(*loaded.config, *role);
    }
    if (args.processes > 1) {
        if (const std::string problem = unusableGroupDevice(*loaded.config, *role);
            !problem.empty()) {
            std::cerr << "error: cannot start the run:\n" << problem << "\n";
            return kInvalidInput;
        }
    }

    createDefaultWorkspaceFolder(args.database);
    RunOptions options;
    options.databasePath = args.database;
    options.runName = args.name;
    return runSession({*loaded.config, options, role,
                       args.processes > 1 ? workerArguments(args) : std::vector<std::string>{},
                       "cannot start the run"});
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
