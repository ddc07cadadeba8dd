// Making a device backend out of a plugin, or a stand-in that says why there is none.
#pragma once

#include "engine/devices/DeviceBackend.h"

#include <memory>
#include <string>
#include <vector>

namespace tb::engine {

/// A device plugin the engine expects.
struct DevicePlugin {
    const char* name;       ///< `cuda`: the plugin's name, file and device-id prefix
    const char* deviceName; ///< `NVIDIA GPU`: its unavailable entry's name when it is missing
};

/// The device plugins, in the order their devices are listed: cuda, npu. Registered here, in
/// one place, rather than discovered, so that the device list shows CUDA and NPU (available
/// or not, with the reason) whether or not their plugins are installed.
const std::vector<DevicePlugin>& devicePlugins();

/// The backend of `plugin`, loaded from the first of `dirs` that holds a plugin it accepts;
/// when none does, a MissingPluginBackend whose `<name>:0` entry says which plugin, where it
/// was looked for and why each file found was refused. Never throws.
std::shared_ptr<DeviceBackend> loadDevicePlugin(const DevicePlugin& plugin,
                                                const std::vector<std::string>& dirs);

} // namespace tb::engine
