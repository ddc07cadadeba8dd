// `trainbench-cli continue RUN`: a stopped or failed run trains on from its last checkpoint, and
// a finished one for more epochs.
#include "Commands.h"
#include "ExitCodes.h"
#include "ProgressPrinter.h"
#include "TrainingSession.h"
#include "engine/config/ConfigYaml.h"
#include "engine/store/RunStore.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/training/RunController.h"
#include "engine/util/Environment.h"

#include <iostream>
#include <optional>

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

int continueRun(const ContinueArgs& args) {
    int exitCode = kSuccess;
    const std::optional<Config> config = continuedConfig(args, exitCode);
    if (!config)
        return exitCode;
    RunOptions options;
    options.databasePath = args.database;
    options.continueRunId = args.runId;
    options.observers.push_back(std::make_shared<ProgressPrinter>(stderr));
    RunController controller;
    const StartResult started = controller.start(*config, options);
    if (!started.issues.empty()) {
        std::cerr << "error: cannot continue run " << args.runId << ":\n"
                  << formatIssues(started.issues);
        return kInvalidInput;
    }
    if (!started.started) {
        std::cerr << "error: " << started.error << "\n";
        return kStoreError;
    }
    return reportRunEnd(controller, args.runId, waitForRun(controller, true), args.database);
}

} // namespace

void addContinueCommand(CLI::App& app, int& exitCode) {
    auto args = std::make_shared<ContinueArgs>();
    CLI::App* cmd = app.add_subcommand(
        "continue", "Train a stopped or failed run on from its last checkpoint, as the same run "
                    "(or a finished one for more epochs)");
    cmd->add_option("run", args->runId, "The run's id (runs list shows them)")->required();
    cmd->add_option("--db", args->database, "Workspace database")->capture_default_str();
    cmd->add_option("--epochs", args->epochs,
                    "Train to this many epochs in all (a finished run needs more than it had)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--device", args->device,
                    "cpu, cuda:N or npu:N (default: the device the run trained on)");
    cmd->callback([args, &exitCode] { exitCode = continueRun(*args); });
}

} // namespace tb::cli
