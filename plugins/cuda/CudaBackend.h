// The CUDA device backend: LibTorch's CUDA, described and watched through NVML.
#pragma once

#include "engine/devices/DeviceBackend.h"
#include "plugins/cuda/CudaEnumeration.h"
#include "plugins/cuda/Nvml.h"

#include <mutex>

namespace tb::cuda {

/// Lists LibTorch's CUDA devices with NVML's names, memory and driver version (or, when
/// LibTorch cannot use CUDA, the GPUs NVML sees and why), and hands out their telemetry.
/// NVML is opened once, on construction. Thread-safe.
class CudaBackend final : public engine::DeviceBackend {
public:
    CudaBackend();

    std::string name() const override { return "cuda"; }
    std::vector<engine::DeviceInfo> devices() override;
    std::string prepareTraining(int index) override;
    std::unique_ptr<engine::TelemetrySource> telemetry(int index) override;

private:
    NvmlState nvmlState(const TorchCudaState& torch) const;
    /// NVML's GPU for LibTorch's device `index`, matched by PCI bus id where LibTorch has CUDA
    /// (CUDA_VISIBLE_DEVICES renumbers devices; NVML does not), else by index.
    nvmlDevice_t nvmlDeviceFor(int index) const;

    std::mutex m_mutex;
    const std::shared_ptr<const Nvml> m_nvml;
};

} // namespace tb::cuda
