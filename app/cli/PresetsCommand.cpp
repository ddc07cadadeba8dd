// `trainbench-cli presets [NAME]`: the preset configs there are to train, each with what it
// trains; with a name, that preset's file, to read its settings or to start a config from.
#include "Commands.h"
#include "ExitCodes.h"
#include "engine/config/PresetFolders.h"
#include "engine/config/PresetSummary.h"
#include "workspace/TextTable.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace tb::cli {
using namespace tb::engine;

namespace {

/// What the preset at `path` trains.
std::string summaryOf(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return presetSummary(text.str());
}

/// The preset folders, in search order; one that is not there says so (a mistyped
/// TRAINBENCH_PRESET_DIR).
std::string folderList() {
    std::string folders;
    for (const auto& folder : presetFolders()) {
        std::error_code error;
        folders += (folders.empty() ? "" : ", ") + folder.string() +
                   (std::filesystem::is_directory(folder, error) ? "" : " (not there)");
    }
    return folders;
}

int listPresets() {
    const std::vector<PresetFile> presets = listPresetFiles();
    if (presets.empty()) {
        std::cerr << "error: there are no presets in " << folderList()
                  << "; reinstall the trainbench-cli package, or name a folder of YAML configs "
                     "in TRAINBENCH_PRESET_DIR\n";
        return kNotFound;
    }
    std::vector<std::vector<std::string>> rows{{"preset", "trains"}};
    for (const PresetFile& preset : presets) {
        const std::string summary = summaryOf(preset.path);
        rows.push_back({preset.name, summary.empty() ? "-" : summary}); // no opening comment
    }
    std::cout << alignedColumns(rows) << "\nThe presets in " << folderList()
              << ". Train one with `trainbench-cli train NAME`; `trainbench-cli presets NAME` "
                 "prints its config.\n";
    return kSuccess;
}

int printPreset(const std::string& name) {
    const std::filesystem::path path = findPresetFile(name);
    if (path.empty()) {
        const std::string closest = closestPresetName(name);
        std::cerr << "error: there is no preset '" << name << "'"
                  << (closest.empty() ? "" : "; did you mean '" + closest + "'?")
                  << " (`trainbench-cli presets` lists them)\n";
        return kNotFound;
    }
    std::ifstream in(path);
    std::cout << "# " << path.string() << "\n" << in.rdbuf();
    return kSuccess;
}

} // namespace

void addPresetsCommand(CLI::App& app, int& exitCode) {
    auto name = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand(
        "presets", "List the preset configs, each with what it trains, or print one of them");
    cmd->add_option("name", *name, "A preset whose config to print (e.g. dlinear-etth1-96)");
    cmd->callback(
        [name, &exitCode] { exitCode = name->empty() ? listPresets() : printPreset(*name); });
}

} // namespace tb::cli
