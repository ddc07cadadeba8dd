#include "engine/devices/MissingPluginBackend.h"

namespace tb::engine {

MissingPluginBackend::MissingPluginBackend(std::string name, std::string deviceName,
                                           std::string reason)
    : m_name(std::move(name))
    , m_deviceName(std::move(deviceName))
    , m_reason(std::move(reason)) {}

std::vector<DeviceInfo> MissingPluginBackend::devices() {
    DeviceInfo d;
    d.id = m_name + ":0";
    d.backend = m_name;
    d.name = m_deviceName;
    d.unavailableReason = m_reason;
    return {d};
}

} // namespace tb::engine
