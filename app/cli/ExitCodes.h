// The exit codes of trainbench-cli, stable for scripts.
#pragma once

namespace tb::cli {

enum ExitCode : int {
    kSuccess = 0,
    kRunFailed = 1,       ///< the run started but failed (NaN loss, out of memory)
    kUsage = 2,           ///< unknown command or option
    kInvalidInput = 3,    ///< invalid config, missing or corrupt dataset, unusable device
    kStoreError = 4,      ///< the database cannot be opened, created or written
    kNotFound = 5,        ///< no run with that id
    kUnexpected = 70,     ///< an error no command expected (a bug): its message says what
    kEngineMissing = 127, ///< trainbench-engine (the commands that need LibTorch) cannot start
    kInterrupted = 130,   ///< Ctrl+C: the run was stopped and stored as stopped
};

} // namespace tb::cli
