// One Ascend NPU's counters: DCMI, else `npu-smi info`.
#pragma once

#include "engine/telemetry/TelemetrySource.h"
#include "plugins/npu/Dcmi.h"

#include <memory>
#include <optional>

namespace tb::npu {

/// Reads NPU `npu:<index>`: AI Core utilization, HBM used/total, power, temperature and AI Core
/// clock through DCMI, or, without DCMI, the same but the clock from `npu-smi info` (a process
/// per reading: tens of milliseconds, on the sampler's thread). The NPU allocator's bytes are
/// not readable from C++ (plugins/npu/TorchNpu.h) and stay -1, as does whatever fails.
class NpuTelemetry final : public engine::TelemetrySource {
public:
    /// Through DCMI.
    NpuTelemetry(int index, std::shared_ptr<const Dcmi> dcmi, DcmiChip chip);
    /// Through `npu-smi info`: the index-th chip it prints.
    explicit NpuTelemetry(int index);

    std::string device() const override { return "npu:" + std::to_string(m_index); }
    engine::DeviceSample read() override;

private:
    int m_index;
    std::shared_ptr<const Dcmi> m_dcmi;
    std::optional<DcmiChip> m_chip;
};

} // namespace tb::npu
