// trainbench-engine: every command of trainbench-cli, which hands it those that need LibTorch
// (train, continue, sweep, validate, predict, devices, fields) and the help that lists them all.
#include "CommandLine.h"
#include "Commands.h"

int main(int argc, char** argv) {
    return tb::cli::runCommandLine(argc, argv, [](CLI::App& app, int& exitCode) {
        tb::cli::addTrainCommand(app, exitCode);
        tb::cli::addContinueCommand(app, exitCode);
        tb::cli::addSweepCommand(app, exitCode);
        tb::cli::addValidateCommand(app, exitCode);
        tb::cli::addRunsCommand(app, exitCode);
        tb::cli::addResultsCommand(app, exitCode);
        tb::cli::addPredictCommand(app, exitCode);
        tb::cli::addDevicesCommand(app, exitCode);
        tb::cli::addPresetsCommand(app, exitCode);
        tb::cli::addFieldsCommand(app, exitCode);
    });
}
