#include "ConfigSource.h"

#include "engine/config/ConfigYaml.h"
#include "engine/config/PresetFolders.h"
#include "engine/training/ExperimentSchema.h"

#include <algorithm>
#include <filesystem>

namespace tb::cli {
namespace fs = std::filesystem;
using namespace tb::engine;

namespace {

std::string resolve(const std::string& source) {
    if (fs::exists(source) || source.find('/') != std::string::npos ||
        fs::path(source).has_extension())
        return source;
    const fs::path preset = findPresetFile(source);
    return preset.empty() ? source : preset.string();
}

} // namespace

LoadedConfig loadConfig(const ConfigRequest& request) {
    LoadedConfig out;
    out.path = resolve(request.source);
    ConfigParseResult parsed = loadConfigFile(out.path, experimentSchema());
    out.issues = parsed.issues;
    for (const auto& assignment : request.overrides) {
        const auto issues = applyOverride(parsed.config, assignment);
        out.issues.insert(out.issues.end(), issues.begin(), issues.end());
    }
    if (!request.device.empty())
        parsed.config.set("device", request.device);
    // Parse problems and value problems are listed together, so one edit fixes them all.
    const auto invalid = validateConfig(parsed.config);
    out.issues.insert(out.issues.end(), invalid.begin(), invalid.end());
    out.config = std::move(parsed.config);
    return out;
}

std::vector<std::string> presetNames() {
    std::vector<std::string> names;
    for (const auto& dir : presetFolders()) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            if (entry.path().extension() == ".yaml")
                names.push_back(entry.path().stem().string());
        }
        if (!names.empty())
            break;
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace tb::cli
