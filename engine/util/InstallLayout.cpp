#include "engine/util/InstallLayout.h"

#ifndef TRAINBENCH_INSTALL_DATA_SUBDIR
#error "TRAINBENCH_INSTALL_DATA_SUBDIR must name share/trainbench relative to the prefix"
#endif
#ifndef TRAINBENCH_INSTALL_PLUGIN_SUBDIR
#error "TRAINBENCH_INSTALL_PLUGIN_SUBDIR must name the plugin folder relative to the prefix"
#endif

namespace tb::engine {

std::optional<std::filesystem::path> installPrefixOf(const std::filesystem::path& executable) {
    const std::filesystem::path binDir = executable.parent_path();
    if (binDir.filename() != "bin")
        return std::nullopt;
    std::filesystem::path prefix = binDir.parent_path();
    std::error_code error;
    if (!std::filesystem::is_directory(prefix / TRAINBENCH_INSTALL_DATA_SUBDIR, error))
        return std::nullopt;
    return prefix;
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

} // namespace tb::engine
