#include "ConfigSource.h"

#include "engine/config/ConfigYaml.h"
#include "engine/training/ExperimentSchema.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace tb::cli {
namespace fs = std::filesystem;
using namespace tb::engine;

namespace {

/// Preset folders: $TRAINBENCH_PRESET_DIR, the source tree (a build run in place), the install.
std::vector<fs::path> presetDirs() {
    std::vector<fs::path> dirs;
    if (const char* env = std::getenv("TRAINBENCH_PRESET_DIR"))
        dirs.emplace_back(env);
    dirs.emplace_back(TRAINBENCH_SOURCE_PRESET_DIR);
    dirs.emplace_back(TRAINBENCH_INSTALL_PRESET_DIR);
    return dirs;
}

std::string resolve(const std::string& source) {
    if (fs::exists(source) || source.find('/') != std::string::npos ||
        fs::path(source).has_extension())
        return source;
    for (const auto& dir : presetDirs()) {
        const fs::path candidate = dir / (source + ".yaml");
        if (fs::exists(candidate))
            return candidate.string();
    }
    return source;
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
    for (const auto& dir : presetDirs()) {
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
