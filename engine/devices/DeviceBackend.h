// A kind of device the engine can train on: CPU (built in), CUDA, Ascend NPU (plugins).
#pragma once

#include "engine/devices/DeviceInfo.h"
#include "engine/telemetry/TelemetrySource.h"

#include <memory>
#include <string>
#include <vector>

namespace tb::engine {

/// One backend's view of the machine. Implementations live in the engine (CPU) or in a
/// plugin (plugins/cuda, plugins/npu) that hands one out through its descriptor
/// (engine/plugins/PluginDescriptor.h). Methods may be called from any thread, one at a time.
class DeviceBackend {
public:
    virtual ~DeviceBackend() = default;
    /// `cpu`, `cuda`, `npu`: the prefix of the device ids it owns.
    virtual std::string name() const = 0;
    /// Every device of this backend, usable or not. A backend that cannot run here returns
    /// one unavailable entry (`cuda:0`, `npu:0`) whose reason says why and what to do.
    /// Never throws.
    virtual std::vector<DeviceInfo> devices() = 0;
    /// Makes device `index` ready for LibTorch in this process (the NPU backend loads
    /// libtorch_npu.so and initialises the device). Empty on success, else why not.
    virtual std::string prepareTraining(int index) = 0;
    /// Counters of device `index`, or nullptr when this backend cannot read them here.
    virtual std::unique_ptr<TelemetrySource> telemetry(int index) = 0;
};

} // namespace tb::engine
