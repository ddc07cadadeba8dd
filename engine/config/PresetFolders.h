// Where the preset configs that ship with Trainbench live on disk.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tb::engine {

/// The folders that may hold preset YAML files, in search order: `$TRAINBENCH_PRESET_DIR`
/// when set, then the install's (`<prefix>/share/trainbench/presets`) for an installed
/// program or the source tree's for one run from its build tree. A folder in the list need
/// not exist.
std::vector<std::filesystem::path> presetFolders();

/// `<name>.yaml` in the first preset folder that holds it; empty when none does.
std::filesystem::path findPresetFile(const std::string& name);

} // namespace tb::engine
