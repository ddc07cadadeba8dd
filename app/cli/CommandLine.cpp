#include "CommandLine.h"

#include "ExitCodes.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <spdlog/spdlog.h>

namespace tb::cli {

CLI::Validator atLeastOne() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            long long value = 0;
            const char* end = text.data() + text.size();
            const auto [last, error] = std::from_chars(text.data(), end, value);
            if (error != std::errc() || last != end || value < 1)
                return "must be a whole number of 1 or more (got " + text + ")";
            return {};
        },
        "POSITIVE");
}

namespace {

/// Whether all a command printed reached standard output: a file there on a full disk
/// (`runs export 1 > /full/m.csv`) must not end as if it had.
bool stdoutWritten() {
    errno = 0;
    const bool flushed = std::fflush(stdout) == 0 && std::ferror(stdout) == 0 && std::cout;
    if (flushed)
        return true;
    std::cerr << "error: what this command printed did not all reach its standard output"
              << (errno != 0 ? std::string(" (") + std::strerror(errno) + ")" : std::string())
              << "; if it goes to a file, free space on its disk and run the command again\n";
    return false;
}

} // namespace

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
    } catch (const std::exception& e) {
        // The commands catch what they expect; anything else still gets its own words, not an
        // abort.
        std::cerr << "error: " << e.what()
                  << "\n(trainbench-cli did not expect this error: please report it with the "
                     "command that gave it)\n";
        return kUnexpected;
    }
    return stdoutWritten() ? exitCode : kStoreError;
}

} // namespace tb::cli
