// One CUDA GPU's counters: NVML for the device, LibTorch's caching allocator for us.
#pragma once

#include "engine/telemetry/TelemetrySource.h"
#include "plugins/cuda/Nvml.h"

#include <memory>

namespace tb::cuda {

/// Reads GPU `cuda:<index>`: utilization, memory used/total, power, temperature and SM clock
/// from NVML (when `gpu` is set), and this process's allocated/reserved/peak bytes from
/// LibTorch's caching allocator (when LibTorch has CUDA). Whatever fails stays -1.
class CudaTelemetry final : public engine::TelemetrySource {
public:
    CudaTelemetry(int index, std::shared_ptr<const Nvml> nvml, nvmlDevice_t gpu);

    std::string device() const override { return "cuda:" + std::to_string(m_index); }
    engine::DeviceSample read() override;

private:
    int m_index;
    std::shared_ptr<const Nvml> m_nvml;
    nvmlDevice_t m_gpu;
};

} // namespace tb::cuda
