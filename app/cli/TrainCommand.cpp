#include "Commands.h"
#include "ConfigSource.h"
#include "ExitCodes.h"
#include "ProgressPrinter.h"
#include "engine/training/RunController.h"
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

struct TrainArgs {
    ConfigRequest request;
    std::string database;
    std::string name;
};

int train(const TrainArgs& args) {
    const LoadedConfig loaded = loadConfig(args.request);
    if (!loaded.issues.empty()) {
        std::cerr << "error: " << loaded.path << " is not a valid config:\n"
                  << formatIssues(loaded.issues);
        return kInvalidInput;
    }

    if (args.database == defaultWorkspacePath()) {
        // A fresh account has no data folder yet, and the default workspace is ours to create.
        // A path the user named is left alone, so that a typo is reported, not created.
        std::error_code ignored; // the store names the folder if this fails
        std::filesystem::create_directories(std::filesystem::path(args.database).parent_path(),
                                            ignored);
    }

    RunOptions options;
    options.databasePath = args.database;
    options.runName = args.name;
    options.observers.push_back(std::make_shared<ProgressPrinter>(stderr));
    RunController controller;
    const StartResult started = controller.start(*loaded.config, options);
    if (!started.issues.empty()) {
        std::cerr << "error: cannot start the run:\n" << formatIssues(started.issues);
        return kInvalidInput;
    }
    if (!started.started) {
        std::cerr << "error: " << started.error << "\n";
        return kStoreError;
    }

    // Ctrl+C stops between steps, so the run is stored as stopped with its last checkpoint.
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    bool stopping = false;
    while (controller.isActive()) {
        if (g_interrupted && !stopping) {
            stopping = true;
            controller.stop();
            std::cerr << "\nstopping after the current step; press Ctrl+C again to quit at once "
                         "(the run is then stored as failed)\n";
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const RunStatus status = controller.wait();
    if (const std::string problem = controller.storeProblem(); !problem.empty()) {
        std::cerr << "run " << started.runId << " " << toString(status) << "\nerror: " << problem
                  << "\n";
        return kStoreError;
    }
    std::cerr << "run " << started.runId << " " << toString(status) << "; stored in "
              << args.database << "\n";
    if (status == RunStatus::Finished)
        return kSuccess;
    return status == RunStatus::Stopped ? kInterrupted : kRunFailed;
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
    cmd->callback([args, &exitCode] { exitCode = train(*args); });
}

} // namespace tb::cli
