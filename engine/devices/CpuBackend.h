// The built-in backend: this machine's CPU.
#pragma once

#include "engine/devices/DeviceBackend.h"

namespace tb::engine {

/// One device, `cpu`, always usable; its telemetry reads /proc and the C allocator.
class CpuBackend final : public DeviceBackend {
public:
    std::string name() const override { return "cpu"; }
    std::vector<DeviceInfo> devices() override;
    std::string prepareTraining(int index) override;
    std::unique_ptr<TelemetrySource> telemetry(int index) override;
};

} // namespace tb::engine
