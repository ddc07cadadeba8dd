#include "EngineProgram.h"

#include "ExitCodes.h"
#include "engine/util/InstallLayout.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace tb::cli {

int becomeEngineProgram(char** argv) {
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    const std::filesystem::path program = tb::engine::engineProgramFor(self);
    ::execv(program.c_str(), argv);
    const int reason = errno;
    std::cerr << "trainbench-cli: cannot start " << program.string()
              << ", which runs every command but runs, results and presets: "
              << std::strerror(reason)
              << ". Reinstall the trainbench-cli package, or build the project again.\n";
    return kEngineMissing;
}

} // namespace tb::cli
