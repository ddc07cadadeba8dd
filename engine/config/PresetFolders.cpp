#include "engine/config/PresetFolders.h"

#include "engine/config/ConfigYaml.h"
#include "engine/util/InstallLayout.h"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace tb::engine {

std::vector<std::filesystem::path> presetFolders() {
    std::vector<std::filesystem::path> folders;
    if (const char* env = std::getenv("TRAINBENCH_PRESET_DIR"); env != nullptr && *env != '\0')
        folders.emplace_back(env);
    if (const auto prefix = runningInstallPrefix())
        folders.push_back(installedPresetDir(*prefix));
    else
        folders.emplace_back(TRAINBENCH_SOURCE_PRESET_DIR);
    return folders;
}

std::vector<PresetFile> listPresetFiles() {
    std::vector<PresetFile> presets;
    std::set<std::string> seen;
    for (const auto& folder : presetFolders()) {
        std::error_code error;
        for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
            const std::filesystem::path& path = entry.path();
            if (path.extension() == ".yaml" && entry.is_regular_file(error) &&
                seen.insert(path.stem().string()).second)
                presets.push_back({path.stem().string(), path});
        }
    }
    std::sort(presets.begin(), presets.end(),
              [](const PresetFile& a, const PresetFile& b) { return a.name < b.name; });
    return presets;
}

std::string closestPresetName(const std::string& name) {
    std::vector<std::string> names;
    for (const PresetFile& preset : listPresetFiles())
        names.push_back(preset.name);
    return closestMatch(name, names);
}

std::filesystem::path findPresetFile(const std::string& name) {
    for (const auto& folder : presetFolders()) {
        std::error_code error;
        std::filesystem::path candidate = folder / (name + ".yaml");
        if (std::filesystem::is_regular_file(candidate, error))
            return candidate;
    }
    return {};
}

} // namespace tb::engine
