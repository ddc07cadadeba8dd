// trainbench-cli: the headless entry point (train, sweep, inspect runs, predict with them,
// validate configs, devices).
#include "Commands.h"
#include "ExitCodes.h"

#include <spdlog/spdlog.h>

int main(int argc, char** argv) {
    spdlog::set_level(spdlog::level::warn);
    CLI::App app{"Trainbench: train and compare LibTorch models from the command line.\n"
                 "Runs land in a SQLite workspace the desktop app opens.",
                 "trainbench-cli"};
    app.set_version_flag("--version", std::string("trainbench-cli ") + TRAINBENCH_VERSION);
    app.require_subcommand(1);

    int exitCode = tb::cli::kSuccess;
    tb::cli::addTrainCommand(app, exitCode);
    tb::cli::addContinueCommand(app, exitCode);
    tb::cli::addSweepCommand(app, exitCode);
    tb::cli::addValidateCommand(app, exitCode);
    tb::cli::addRunsCommand(app, exitCode);
    tb::cli::addResultsCommand(app, exitCode);
    tb::cli::addPredictCommand(app, exitCode);
    tb::cli::addDevicesCommand(app, exitCode);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? tb::cli::kSuccess : tb::cli::kUsage;
    }
    return exitCode;
}
