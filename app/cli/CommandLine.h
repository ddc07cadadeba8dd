// The parser that both programs behind trainbench-cli build: its description, --version, how a
// parse error becomes an exit code, and the checks their options share.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace tb::cli {

/// Adds subcommands to the parser; each stores its exit code in the int.
using CommandAdder = std::function<void(CLI::App&, int&)>;

/// Accepts a whole number of 1 or more; otherwise "must be a whole number of 1 or more (got 0)"
/// (CLI::PositiveNumber's message quotes the range of a double).
CLI::Validator atLeastOne();

/// Parses `argv` with the subcommands `addCommands` adds and runs the one named: its exit code.
int runCommandLine(int argc, char** argv, const CommandAdder& addCommands);

} // namespace tb::cli
