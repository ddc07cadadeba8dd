// Finding the files installed beside the program (presets, plugins) wherever the install was
// put: a package under /usr, `cmake --install . --prefix ~/opt/trainbench`, or a .deb unpacked
// by hand. Paths compiled in as absolute ones would follow none of those moves.
#pragma once

#include <filesystem>
#include <optional>

namespace tb::engine {

/// The install prefix of the program at `executable`: the folder above its `bin/` (above
/// `libexec/trainbench/` for trainbench-engine), when that prefix holds Trainbench's installed
/// data (`share/trainbench`). Empty for a program in a build tree, which finds its presets and
/// plugins in the source and build folders instead.
std::optional<std::filesystem::path> installPrefixOf(const std::filesystem::path& executable);

/// installPrefixOf() for the running program (`/proc/self/exe`).
std::optional<std::filesystem::path> runningInstallPrefix();

/// `<prefix>/share/trainbench/presets`: the preset configs of the install at `prefix`.
std::filesystem::path installedPresetDir(const std::filesystem::path& prefix);

/// `<prefix>/lib/trainbench/plugins`: the device plugins of the install at `prefix`.
std::filesystem::path installedPluginDir(const std::filesystem::path& prefix);

/// The program that runs the commands of trainbench-cli (at `cli`) that need LibTorch:
/// `<prefix>/libexec/trainbench/trainbench-engine` in an install, the file beside `cli` in a
/// build tree.
std::filesystem::path engineProgramFor(const std::filesystem::path& cli);

} // namespace tb::engine
