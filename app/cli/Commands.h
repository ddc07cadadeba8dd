// The subcommands of trainbench-cli; each adds itself to the parser.
#pragma once

#include <CLI/CLI.hpp>

namespace tb::cli {

/// Each function adds one subcommand whose callback stores its exit code in `exitCode`.
void addTrainCommand(CLI::App& app, int& exitCode);
void addContinueCommand(CLI::App& app, int& exitCode);
void addSweepCommand(CLI::App& app, int& exitCode);
void addValidateCommand(CLI::App& app, int& exitCode);
void addRunsCommand(CLI::App& app, int& exitCode);
void addResultsCommand(CLI::App& app, int& exitCode);
void addPredictCommand(CLI::App& app, int& exitCode);
void addDevicesCommand(CLI::App& app, int& exitCode);
void addPresetsCommand(CLI::App& app, int& exitCode);
void addFieldsCommand(CLI::App& app, int& exitCode);

} // namespace tb::cli
