#include "plugins/cuda/CudaBackend.h"

#include "plugins/cuda/CudaTelemetry.h"
#include "plugins/cuda/TorchCuda.h"

namespace tb::cuda {
namespace {

NvmlGpu describe(const Nvml& nvml, nvmlDevice_t device) {
    NvmlGpu gpu;
    gpu.name = nvml.name(device);
    const NvmlReading r = nvml.read(device);
    gpu.memoryTotalBytes = r.memoryTotalBytes;
    gpu.memoryFreeBytes = r.memoryFreeBytes;
    gpu.utilizationPct = r.utilizationPct;
    return gpu;
}

} // namespace

CudaBackend::CudaBackend()
    : m_nvml(Nvml::open()) {}

nvmlDevice_t CudaBackend::nvmlDeviceFor(int index) const {
    const std::string busId = pciBusIdOf(index);
    if (nvmlDevice_t device = busId.empty() ? nullptr : m_nvml->deviceByPciBusId(busId))
        return device;
    return m_nvml->deviceByIndex(index);
}

NvmlState CudaBackend::nvmlState(const TorchCudaState& torch) const {
    NvmlState state;
    state.error = m_nvml->error();
    state.driverVersion = m_nvml->driverVersion();
    state.cudaDriverVersion = m_nvml->cudaDriverVersion();
    if (torch.deviceCount > 0) {
        for (int i = 0; i < torch.deviceCount; ++i)
            state.gpus.push_back(describe(*m_nvml, nvmlDeviceFor(i)));
    } else {
        for (int i = 0; i < m_nvml->deviceCount(); ++i)
            state.gpus.push_back(describe(*m_nvml, m_nvml->deviceByIndex(i)));
    }
    return state;
}

std::vector<engine::DeviceInfo> CudaBackend::devices() {
    std::lock_guard lock(m_mutex);
    const TorchCudaState torch = probeTorchCuda();
    return cudaDevices(torch, nvmlState(torch));
}

std::string CudaBackend::prepareTraining(int index) {
    std::lock_guard lock(m_mutex);
    const TorchCudaState torch = probeTorchCuda();
    if (index >= 0 && index < torch.deviceCount)
        return {};
    const auto devices = cudaDevices(torch, nvmlState(torch));
    if (torch.deviceCount == 0)
        return devices.front().unavailableReason;
    return "no device cuda:" + std::to_string(index) + " (LibTorch sees " +
           std::to_string(torch.deviceCount) + ")";
}

std::unique_ptr<engine::TelemetrySource> CudaBackend::telemetry(int index) {
    std::lock_guard lock(m_mutex);
    if (index < 0 || index >= probeTorchCuda().deviceCount)
        return nullptr;
    return std::make_unique<CudaTelemetry>(index, m_nvml, nvmlDeviceFor(index));
}

} // namespace tb::cuda
