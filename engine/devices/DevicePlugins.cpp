#include "engine/devices/DevicePlugins.h"

#include "engine/devices/MissingPluginBackend.h"
#include "engine/plugins/PluginLoader.h"

#include <exception>

namespace tb::engine {

const std::vector<DevicePlugin>& devicePlugins() {
    static const std::vector<DevicePlugin> plugins{{"cuda", "NVIDIA GPU"}, {"npu", "Ascend NPU"}};
    return plugins;
}

std::shared_ptr<DeviceBackend> loadDevicePlugin(const DevicePlugin& plugin,
                                                const std::vector<std::string>& dirs) {
    const PluginSearch search = findPlugin(plugin.name, dirs);
    std::string reason = "the " + std::string(plugin.name) + " plugin was not loaded: ";
    if (!search.descriptor)
        return std::make_shared<MissingPluginBackend>(plugin.name, plugin.deviceName,
                                                      reason + search.problem());
    const TbPluginDescriptor& d = *search.descriptor;
    if (std::string(d.kind) != "device")
        return std::make_shared<MissingPluginBackend>(plugin.name, plugin.deviceName,
                                                      reason + search.path + " is a '" + d.kind +
                                                          "' plugin, not a device backend");
    if (!d.createDeviceBackend)
        return std::make_shared<MissingPluginBackend>(
            plugin.name, plugin.deviceName, reason + search.path + " has no backend factory");
    try {
        std::shared_ptr<DeviceBackend> backend(d.createDeviceBackend());
        if (backend && backend->name() == plugin.name)
            return backend;
        reason += search.path + " made no '" + plugin.name + "' backend";
    } catch (const std::exception& e) {
        reason += search.path + " failed to start: " + e.what();
    }
    return std::make_shared<MissingPluginBackend>(plugin.name, plugin.deviceName, reason);
}

} // namespace tb::engine
