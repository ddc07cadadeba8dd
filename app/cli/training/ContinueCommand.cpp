// `trainbench-cli continue RUN`: a stopped or failed run trains on from its last checkpoint, and
// a finished one for more epochs; a data-parallel one in as many processes as it trained in.
#include "CommandLine.h"
#include "Commands.h"
#include "ExitCodes.h"
#include "ProcessGroupLaunch.h"
#include "TrainingSession.h"
#include "engine/config/ConfigYaml.h"
#include "engine/store/RunStore.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/util/Environment.h"

#include <iostream>
#include <optional>
#include <stdexcept>

namespace tb::cli {
using namespace tb::engine;

namespace {

struct ContinueArgs {
    std::int64_t runId = 0;
    std::string database = defaultWorkspacePath();
    std::optional<std::int64_t> epochs;
    std::string device;
};

/// The run's own config, with what the command line changes; nullopt after saying why not.
std::optional<Config> continuedConfig(const ContinueArgs& args, int& exitCode) {
    std::optional<RunRecord> run;
    try {
        run = RunStore::openForReading(args.database).run(args.runId);
    } catch (const StoreError& e) {
        std::cerr << "error: " << e.what() << "\n";
        exitCode = kStoreError;
        return std::nullopt;
    }
    if (!run) {
        std::cerr << "error: no run " << args.runId << " in " << args.database << "\n";
        exitCode = kNotFound;
        return std::nullopt;
    }
    ConfigParseResult parsed = parseConfigYaml(run->configYaml, experimentSchema());
    if (!parsed.issues.empty()) {
        std::cerr << "error: the config of run " << args.runId
                  << " is not valid in this Trainbench:\n"
                  << formatIssues(parsed.issues);
        exitCode = kInvalidInput;
        return std::nullopt;
    }
    if (args.epochs)
        parsed.config.set("train.epochs", *args.epochs);
    if (!args.device.empty())
        parsed.config.set("device", args.device);
    return parsed.config;
}

/// The arguments that make a worker go on with what this process goes on with.
std::vector<std::string> workerArguments(const ContinueArgs& args) {
    std::vector<std::string> out{"continue", std::to_string(args.runId), "--db", args.database};
    if (args.epochs)
        out.insert(out.end(), {"--epochs", std::to_string(*args.epochs)});
    if (!args.device.empty())
        out.insert(out.end(), {"--device", args.device});
    return out;
}

int continueRun(const ContinueArgs& args) {
    int exitCode = kSuccess;
    std::optional<Config> config = continuedConfig(args, exitCode);
    if (!config)
        return exitCode;
    const std::string refusal = "cannot continue run " + std::to_string(args.runId);
    // A data-parallel run goes on in as many processes as it trained in: those this process
    // starts, or those a launcher such as torchrun started.
    const auto trainedIn = static_cast<int>(config->getInt("dist.world_size"));
    std::optional<GroupRole> role;
    try {
        role = roleFromEnvironment();
    } catch (const std::invalid_argument& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kInvalidInput;
    }
    const bool launches = !role && trainedIn > 1;
    if (launches)
        role = launcherRole(trainedIn);
    if (role && role->worldSize != trainedIn) {
        std::cerr << "error: " << refusal << ":\nit trained in " << trainedIn
                  << (trainedIn == 1 ? " process" : " processes")
                  << " and goes on in as many, not in the " << role->worldSize
                  << " that WORLD_SIZE asks for\n";
        return kInvalidInput;
    }
    if (role)
        fitToRole(*config, *role);
    if (launches) {
        if (const std::string problem = unusableGroupDevice(*config, *role); !problem.empty()) {
            std::cerr << "error: " << refusal << ":\n" << problem << "\n";
            return kInvalidInput;
        }
    }

    RunOptions options;
    options.databasePath = args.database;
    options.continueRunId = args.runId;
    return runSession({*config, options, role,
                       launches ? workerArguments(args) : std::vector<std::string>{}, refusal});
}

} // namespace

void addContinueCommand(CLI::App& app, int& exitCode) {
    auto args = std::make_shared<ContinueArgs>();
    CLI::App* cmd = app.add_subcommand(
        "continue", "Train a stopped or failed run on from its last checkpoint, as the same run "
                    "(or a finished one for more epochs; a data-parallel one in as many "
                    "processes as it trained in)");
    cmd->add_option("run", args->runId, "The run's id (runs list shows them)")->required();
    cmd->add_option("--db", args->database, "Workspace database")->capture_default_str();
    cmd->add_option("--epochs", args->epochs,
                    "Train to this many epochs in all (a finished run needs more than it had)")
        ->check(atLeastOne());
    cmd->add_option("--device", args->device,
                    "cpu, cuda:N or npu:N (default: the device the run trained on)");
    cmd->callback([args, &exitCode] { exitCode = continueRun(*args); });
}

} // namespace tb::cli
