#include "ConfigSource.h"

#include "engine/config/ConfigYaml.h"
#include "engine/config/PresetFolders.h"
#include "engine/training/ExperimentSchema.h"

#include <filesystem>

namespace tb::cli {
namespace fs = std::filesystem;
using namespace tb::engine;

namespace {

/// A name with no folder and no extension: a preset's, unless such a file exists here.
bool isBareName(const std::string& source) {
    return source.find('/') == std::string::npos && !fs::path(source).has_extension();
}

std::string resolve(const std::string& source) {
    if (fs::exists(source) || !isBareName(source))
        return source;
    const fs::path preset = findPresetFile(source);
    return preset.empty() ? source : preset.string();
}

/// Why a bare name that is neither a file nor a preset cannot be read, with the closest preset.
std::string unknownPresetMessage(const std::string& name) {
    const std::string closest = closestPresetName(name);
    std::string message = "'" + name + "' is neither a config file nor a preset; ";
    if (!closest.empty())
        return message + "did you mean the preset '" + closest + "'?";
    return message + "`trainbench-cli presets` lists the presets";
}

} // namespace

LoadedConfig readConfig(const ConfigRequest& request) {
    LoadedConfig out;
    out.path = resolve(request.source);
    if (isBareName(request.source) && !fs::exists(out.path)) {
        out.issues.push_back({"", unknownPresetMessage(request.source)});
        return out;
    }
    ConfigParseResult parsed = loadConfigFile(out.path, experimentSchema());
    out.issues = parsed.issues;
    for (const auto& assignment : request.overrides) {
        const auto issues = applyOverride(parsed.config, assignment);
        out.issues.insert(out.issues.end(), issues.begin(), issues.end());
    }
    if (!request.device.empty())
        parsed.config.set("device", request.device);
    out.config = std::move(parsed.config);
    return out;
}

LoadedConfig loadConfig(const ConfigRequest& request) {
    LoadedConfig out = readConfig(request);
    // Parse problems and value problems are listed together, so one edit fixes them all.
    if (out.config) {
        const auto invalid = validateConfig(*out.config);
        out.issues.insert(out.issues.end(), invalid.begin(), invalid.end());
    }
    return out;
}

} // namespace tb::cli
