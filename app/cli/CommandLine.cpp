#include "CommandLine.h"

#include "ExitCodes.h"

#include <spdlog/spdlog.h>

namespace tb::cli {

int runCommandLine(int argc, char** argv, const CommandAdder& addCommands) {
    spdlog::set_level(spdlog::level::warn);
    CLI::App app{"Trainbench: train and compare LibTorch models from the command line.\n"
                 "Runs land in a SQLite workspace the desktop app opens.",
                 "trainbench-cli"};
    app.set_version_flag("--version", std::string("trainbench-cli ") + TRAINBENCH_VERSION);
    app.require_subcommand(1);

    int exitCode = kSuccess;
    addCommands(app, exitCode);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? kSuccess : kUsage;
    }
    return exitCode;
}

} // namespace tb::cli
