// Where the preset configs that ship with Trainbench live on disk.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tb::engine {

/// The folders that may hold preset YAML files, in search order: `$TRAINBENCH_PRESET_DIR`
/// when set, the source tree's (a build run in place), then the installed one. A folder in
/// the list need not exist.
std::vector<std::filesystem::path> presetFolders();

/// `<name>.yaml` in the first preset folder that holds it; empty when none does.
std::filesystem::path findPresetFile(const std::string& name);

} // namespace tb::engine
