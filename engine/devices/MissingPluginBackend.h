// Stands in for a device backend whose plugin is missing or was refused.
#pragma once

#include "engine/devices/DeviceBackend.h"

namespace tb::engine {

/// Reports one unavailable device (`cuda:0`, `npu:0`) whose reason says which plugin was
/// looked for, where, and why it was not loaded.
class MissingPluginBackend final : public DeviceBackend {
public:
    /// `name`: `cuda`; `deviceName`: `NVIDIA GPU`; `reason`: why there is no backend.
    MissingPluginBackend(std::string name, std::string deviceName, std::string reason);

    std::string name() const override { return m_name; }
    std::vector<DeviceInfo> devices() override;
    std::string prepareTraining(int index) override { return m_reason; }
    std::unique_ptr<TelemetrySource> telemetry(int index) override { return nullptr; }

private:
    std::string m_name;
    std::string m_deviceName;
    std::string m_reason;
};

} // namespace tb::engine
