#include "plugins/cuda/CudaEnumeration.h"

namespace tb::cuda {
namespace {

std::string driverText(const NvmlState& nvml) {
    if (nvml.driverVersion.empty())
        return {};
    std::string text = "NVIDIA " + nvml.driverVersion;
    if (nvml.cudaDriverVersion > 0)
        text += " (CUDA " + cudaVersionText(nvml.cudaDriverVersion) + ")";
    return text;
}

/// Why LibTorch has no CUDA device here, with what to do about it.
std::string unavailableReason(const TorchCudaState& torch, const NvmlState& nvml) {
    if (!torch.builtWithCuda)
        return "this LibTorch was built without CUDA (build Trainbench against a CUDA "
               "LibTorch, such as the one in a PyTorch 2.x wheel's torch/share/cmake)";
    if (nvml.cudaDriverVersion > 0 && torch.runtimeVersion > nvml.cudaDriverVersion)
        return "driver/runtime mismatch: CUDA " + cudaVersionText(nvml.cudaDriverVersion) +
               " driver, " + cudaVersionText(torch.runtimeVersion) +
               " runtime (update the NVIDIA driver, or use a LibTorch built for CUDA " +
               cudaVersionText(nvml.cudaDriverVersion) + " or older)";
    if (!nvml.gpus.empty())
        return "no CUDA device found, though NVML sees " + std::to_string(nvml.gpus.size()) +
               " GPU(s) (check CUDA_VISIBLE_DEVICES and that the NVIDIA kernel module is "
               "loaded)";
    if (!nvml.error.empty())
        return "no CUDA device found; " + nvml.error;
    return "no CUDA device found (no NVIDIA GPU, or its driver is not loaded)";
}

engine::DeviceInfo entry(int index, const NvmlGpu& gpu, const NvmlState& nvml,
                         const TorchCudaState& torch) {
    engine::DeviceInfo d;
    d.id = "cuda:" + std::to_string(index);
    d.backend = "cuda";
    d.name = gpu.name.empty() ? "NVIDIA GPU" : gpu.name;
    d.memoryTotalBytes = gpu.memoryTotalBytes;
    d.memoryFreeBytes = gpu.memoryFreeBytes;
    d.utilizationPct = gpu.utilizationPct;
    d.driverVersion = driverText(nvml);
    if (torch.runtimeVersion > 0)
        d.runtimeVersion = "CUDA " + cudaVersionText(torch.runtimeVersion);
    return d;
}

} // namespace

std::string cudaVersionText(int version) {
    return std::to_string(version / 1000) + "." + std::to_string(version % 1000 / 10);
}

std::vector<engine::DeviceInfo> cudaDevices(const TorchCudaState& torch, const NvmlState& nvml) {
    std::vector<engine::DeviceInfo> out;
    if (torch.deviceCount > 0) {
        for (int i = 0; i < torch.deviceCount; ++i) {
            const NvmlGpu gpu = i < static_cast<int>(nvml.gpus.size()) ? nvml.gpus[i] : NvmlGpu{};
            out.push_back(entry(i, gpu, nvml, torch));
            out.back().available = true;
        }
        return out;
    }
    const std::string reason = unavailableReason(torch, nvml);
    const std::vector<NvmlGpu> gpus =
        nvml.gpus.empty() ? std::vector<NvmlGpu>{NvmlGpu{}} : nvml.gpus;
    for (int i = 0; i < static_cast<int>(gpus.size()); ++i) {
        out.push_back(entry(i, gpus[i], nvml, torch));
        out.back().unavailableReason = reason;
    }
    return out;
}

} // namespace tb::cuda
