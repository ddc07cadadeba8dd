#include "engine/plugins/PluginLoader.h"

#include "engine/plugins/DynamicLibrary.h"
#include "engine/util/InstallLayout.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <torch/version.h>

#ifndef TRAINBENCH_BUILD_PLUGIN_DIR
#error "TRAINBENCH_BUILD_PLUGIN_DIR must name the build tree's plugins/ folder"
#endif

namespace tb::engine {
namespace {

struct PluginStamp {
    std::uint32_t abiVersion = 0;
    std::string torchVersion;
};

/// Plugins are a few hundred KiB; anything far larger is not one of ours.
constexpr std::uintmax_t kMaxStampedFileBytes = 256u << 20;

/// The `TRAINBENCH-PLUGIN abi=<n> torch=<version>;` text of the file, read without loading it.
std::optional<PluginStamp> readStamp(const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size > kMaxStampedFileBytes)
        return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const std::string prefix = TB_PLUGIN_STAMP_PREFIX;
    const auto at = bytes.find(prefix);
    if (at == std::string::npos)
        return std::nullopt;
    const auto end = bytes.find(';', at);
    if (end == std::string::npos)
        return std::nullopt;
    const std::string text = bytes.substr(at + prefix.size(), end - at - prefix.size());
    const auto torchAt = text.find(" torch=");
    if (torchAt == std::string::npos)
        return std::nullopt;
    PluginStamp stamp;
    stamp.abiVersion = static_cast<std::uint32_t>(std::strtoul(text.c_str(), nullptr, 10));
    stamp.torchVersion = text.substr(torchAt + 7);
    return stamp;
}

std::string versionRefusal(const std::string& path, std::uint32_t abiVersion,
                           const std::string& torchVersion) {
    if (abiVersion != kPluginAbiVersion)
        return path + " was built for plugin ABI version " + std::to_string(abiVersion) +
               ", this Trainbench uses version " + std::to_string(kPluginAbiVersion) +
               ": rebuild the plugin with this Trainbench";
    if (torchVersion != TORCH_VERSION)
        return path + " was built against LibTorch " + torchVersion +
               ", this Trainbench uses LibTorch " TORCH_VERSION
               ": rebuild the plugin against the same LibTorch";
    return {};
}

std::string checkDescriptor(const std::string& path, const TbPluginDescriptor* d) {
    if (!d)
        return path + ": " TB_PLUGIN_ENTRY_POINT "() returned no descriptor";
    // Only abiVersion is known to sit where we read it until the version matches.
    if (d->abiVersion != kPluginAbiVersion)
        return versionRefusal(path, d->abiVersion, TORCH_VERSION);
    if (const std::string refusal =
            versionRefusal(path, d->abiVersion, d->torchVersion ? d->torchVersion : "(none)");
        !refusal.empty())
        return refusal;
    if (!d->name || !d->kind)
        return path + ": its descriptor has no name or kind";
    return {};
}

} // namespace

std::string PluginSearch::problem() const {
    if (descriptor)
        return {};
    std::string text;
    for (const PluginLoad& load : refused)
        text += (text.empty() ? "" : "; ") + load.refusal;
    if (!text.empty())
        return text;
    text = fileName + " not found in ";
    for (std::size_t i = 0; i < dirs.size(); ++i)
        text += (i ? ", " : "") + dirs[i];
    return text + " (set TRAINBENCH_PLUGIN_PATH to the folder that holds it)";
}

std::string pluginFileName(const std::string& name) {
    return "tb_plugin_" + name + ".so";
}

std::vector<std::string> pluginSearchPath() {
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("TRAINBENCH_PLUGIN_PATH"))
        dirs = splitSearchPath(env);
    if (const auto prefix = runningInstallPrefix())
        dirs.push_back(installedPluginDir(*prefix).string());
    else
        dirs.emplace_back(TRAINBENCH_BUILD_PLUGIN_DIR);
    return dirs;
}

PluginLoad loadPluginFile(const std::string& path) {
    PluginLoad load;
    load.path = path;
    if (const auto stamp = readStamp(path)) {
        load.refusal = versionRefusal(path, stamp->abiVersion, stamp->torchVersion);
        if (!load.refusal.empty())
            return load;
    }
    const DynamicLibrary library = DynamicLibrary::open(path);
    if (!library.ok()) {
        load.refusal = "cannot load " + path + ": " + library.error();
        return load;
    }
    const auto entry = library.symbol<TbPluginEntryPoint>(TB_PLUGIN_ENTRY_POINT);
    if (!entry) {
        load.refusal =
            path + " is not a Trainbench plugin: it has no " TB_PLUGIN_ENTRY_POINT " entry point";
        return load;
    }
    const TbPluginDescriptor* descriptor = entry();
    load.refusal = checkDescriptor(path, descriptor);
    if (load.refusal.empty())
        load.descriptor = descriptor;
    return load;
}

PluginSearch findPlugin(const std::string& name, const std::vector<std::string>& dirs) {
    PluginSearch search;
    search.fileName = pluginFileName(name);
    search.dirs = dirs;
    for (const std::string& dir : dirs) {
        const std::string path = (std::filesystem::path(dir) / search.fileName).string();
        std::error_code ec;
        if (!std::filesystem::exists(path, ec))
            continue;
        PluginLoad load = loadPluginFile(path);
        if (load.descriptor && name != load.descriptor->name) {
            load.refusal =
                path + " is the plugin '" + load.descriptor->name + "', not '" + name + "'";
            load.descriptor = nullptr;
        }
        if (load.descriptor) {
            search.descriptor = load.descriptor;
            search.path = path;
            return search;
        }
        search.refused.push_back(std::move(load));
    }
    return search;
}

} // namespace tb::engine
