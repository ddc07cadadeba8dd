// The Ascend NPU device backend: DCMI (or npu-smi) for the devices, torch_npu to train.
#pragma once

#include "engine/devices/DeviceBackend.h"
#include "plugins/npu/Dcmi.h"

#include <mutex>

namespace tb::npu {

/// What the driver says is installed.
struct NpuInventory {
    std::vector<NpuChip> chips;      ///< by logic id: chips[N] is `npu:N`
    std::vector<DcmiChip> dcmiChips; ///< the same chips' DCMI addresses; empty via npu-smi
    std::string driverVersion;
    std::string problem; ///< why there are no chips; empty when there are
};

/// Lists the NPUs DCMI (else `npu-smi info`) reports, usable when torch_npu's C++ library can
/// be used with this LibTorch (plugins/npu/TorchNpu.h), and hands out their telemetry. DCMI
/// is opened once, on construction. Thread-safe.
class NpuBackend final : public engine::DeviceBackend {
public:
    NpuBackend();

    std::string name() const override { return "npu"; }
    std::vector<engine::DeviceInfo> devices() override;
    std::string prepareTraining(int index) override;
    std::unique_ptr<engine::TelemetrySource> telemetry(int index) override;

private:
    NpuInventory inventory() const;

    std::mutex m_mutex;
    const std::shared_ptr<const Dcmi> m_dcmi;
};

} // namespace tb::npu
