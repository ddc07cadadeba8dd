#include "engine/devices/DeviceBackends.h"

#include "engine/devices/CpuBackend.h"
#include "engine/devices/DeviceId.h"
#include "engine/devices/DevicePlugins.h"
#include "engine/plugins/PluginLoader.h"

namespace tb::engine {
namespace {

std::vector<std::shared_ptr<DeviceBackend>> loadBackends() {
    std::vector<std::shared_ptr<DeviceBackend>> backends{std::make_shared<CpuBackend>()};
    const std::vector<std::string> dirs = pluginSearchPath();
    for (const DevicePlugin& plugin : devicePlugins())
        backends.push_back(loadDevicePlugin(plugin, dirs));
    return backends;
}

} // namespace

const std::vector<std::shared_ptr<DeviceBackend>>& deviceBackends() {
    static const std::vector<std::shared_ptr<DeviceBackend>> backends = loadBackends();
    return backends;
}

DeviceBackend* backendFor(const std::string& deviceId, int& index) {
    const auto parsed = parseDeviceId(deviceId);
    if (!parsed)
        return nullptr;
    for (const auto& backend : deviceBackends()) {
        if (backend->name() == parsed->backend) {
            index = parsed->index;
            return backend.get();
        }
    }
    return nullptr;
}

} // namespace tb::engine
