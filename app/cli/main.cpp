// trainbench-cli: the headless entry point. `runs`, `results` and `presets` read files alone,
// so they run here, in a program without LibTorch, and answer at once: loading LibTorch takes
// ~0.65 s before a program's first line. For every other command (train, continue, sweep,
// validate, predict, devices) and for the help that lists them all, this process becomes
// trainbench-engine.
#include "CommandLine.h"
#include "Commands.h"
#include "EngineProgram.h"

#include <string_view>

int main(int argc, char** argv) {
    const std::string_view first = argc > 1 ? argv[1] : "";
    if (first == "runs" || first == "results" || first == "presets" || first == "--version") {
        return tb::cli::runCommandLine(argc, argv, [](CLI::App& app, int& exitCode) {
            tb::cli::addRunsCommand(app, exitCode);
            tb::cli::addResultsCommand(app, exitCode);
            tb::cli::addPresetsCommand(app, exitCode);
        });
    }
    return tb::cli::becomeEngineProgram(argv);
}
