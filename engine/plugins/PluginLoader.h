// Finding and opening plugins (plugins/cuda, plugins/npu) at run time.
#pragma once

#include "engine/plugins/PluginDescriptor.h"

#include <string>
#include <vector>

namespace tb::engine {

/// The outcome of opening one plugin file.
struct PluginLoad {
    std::string path;
    /// The plugin's descriptor, valid for the process's life; nullptr when refused.
    const TbPluginDescriptor* descriptor = nullptr;
    /// Why the file was refused, naming it and saying what to do; empty when loaded.
    std::string refusal;
};

/// The outcome of looking for one plugin by name through a search path.
struct PluginSearch {
    std::string fileName;                           ///< `tb_plugin_cuda.so`
    std::vector<std::string> dirs;                  ///< the folders looked in, in order
    std::vector<PluginLoad> refused;                ///< every file found there but refused
    const TbPluginDescriptor* descriptor = nullptr; ///< the first accepted one, or nullptr
    std::string path;                               ///< its file

    /// Why no plugin was loaded, for the user: every refusal, or where it was looked for.
    std::string problem() const;
};

/// `tb_plugin_<name>.so`: the file a plugin called `name` is built as (plugins/CMakeLists.txt).
std::string pluginFileName(const std::string& name);

/// Where plugins are looked for, in order: the folders of `TRAINBENCH_PLUGIN_PATH`
/// (colon-separated), then the install's plugin folder (`<prefix>/lib/trainbench/plugins`) for
/// an installed program or the build tree's `plugins/` folder for one run from its build tree.
std::vector<std::string> pluginSearchPath();

/// Opens `path` (dlopen with RTLD_NOW | RTLD_LOCAL) and checks its descriptor: refuses, with
/// a message naming the file, a file that is not a loadable library, that lacks the
/// `tb_plugin_descriptor` entry point, or that was built for another plugin ABI or another
/// LibTorch (checked from the file's stamp before dlopen where it has one, then from the
/// descriptor). Never throws. The library stays open for the process's life.
PluginLoad loadPluginFile(const std::string& path);

/// The first file `pluginFileName(name)` in `dirs` that loads and whose descriptor is called
/// `name`; files refused on the way are listed in the result. Thread-safe.
PluginSearch findPlugin(const std::string& name,
                        const std::vector<std::string>& dirs = pluginSearchPath());

} // namespace tb::engine
