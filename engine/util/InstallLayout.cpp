#include "engine/util/InstallLayout.h"

#ifndef TRAINBENCH_INSTALL_DATA_SUBDIR
#error "TRAINBENCH_INSTALL_DATA_SUBDIR must name share/trainbench relative to the prefix"
#endif
#if !defined(TRAINBENCH_INSTALL_BIN_SUBDIR) || !defined(TRAINBENCH_INSTALL_LIBEXEC_SUBDIR)
#error "TRAINBENCH_INSTALL_BIN_SUBDIR and _LIBEXEC_SUBDIR must name the programs' folders"
#endif
#ifndef TRAINBENCH_INSTALL_PLUGIN_SUBDIR
#error "TRAINBENCH_INSTALL_PLUGIN_SUBDIR must name the plugin folder relative to the prefix"
#endif

namespace tb::engine {
namespace {

const char* const kEngineProgram = "trainbench-engine";

} // namespace

std::optional<std::filesystem::path> installPrefixOf(const std::filesystem::path& executable) {
    const std::filesystem::path folder = executable.parent_path();
    for (const std::filesystem::path subdir :
         {TRAINBENCH_INSTALL_BIN_SUBDIR, TRAINBENCH_INSTALL_LIBEXEC_SUBDIR}) {
        std::filesystem::path prefix = folder;
        for (auto part = subdir.begin(); part != subdir.end(); ++part)
            prefix = prefix.parent_path();
        std::error_code error;
        if (prefix / subdir == folder &&
            std::filesystem::is_directory(prefix / TRAINBENCH_INSTALL_DATA_SUBDIR, error))
            return prefix;
    }
    return std::nullopt;
}

std::optional<std::filesystem::path> runningInstallPrefix() {
    std::error_code error;
    const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error)
        return std::nullopt;
    return installPrefixOf(executable);
}

std::filesystem::path installedPresetDir(const std::filesystem::path& prefix) {
    return prefix / TRAINBENCH_INSTALL_DATA_SUBDIR / "presets";
}

std::filesystem::path installedPluginDir(const std::filesystem::path& prefix) {
    return prefix / TRAINBENCH_INSTALL_PLUGIN_SUBDIR;
}

std::filesystem::path engineProgramFor(const std::filesystem::path& cli) {
    if (const auto prefix = installPrefixOf(cli))
        return *prefix / TRAINBENCH_INSTALL_LIBEXEC_SUBDIR / kEngineProgram;
    return cli.parent_path() / kEngineProgram;
}

} // namespace tb::engine
