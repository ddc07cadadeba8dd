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

/// A preset config on disk: `<name>.yaml` in a preset folder.
struct PresetFile {
    std::string name;
    std::filesystem::path path;
};

/// Every preset of the preset folders, sorted by name; a name in an earlier folder hides the
/// same name in later ones, as findPresetFile() finds it.
std::vector<PresetFile> listPresetFiles();

/// The preset whose name is closest to `name`, a mistyped one's; empty when none is close.
std::string closestPresetName(const std::string& name);

/// `<name>.yaml` in the first preset folder that holds it; empty when none does.
std::filesystem::path findPresetFile(const std::string& name);

} // namespace tb::engine
