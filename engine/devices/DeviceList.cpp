#include "engine/devices/CpuInfo.h"
#include "engine/devices/DeviceInfo.h"
#include "engine/util/Environment.h"

#include <ATen/detail/CUDAHooksInterface.h>
#include <torch/cuda.h>
#include <torch/version.h>

namespace tb::engine {
namespace {

/// The stub CUDA hooks of a CPU-only LibTorch throw where the real ones answer.
bool torchBuiltWithCuda() {
    try {
        at::detail::getCUDAHooks().versionCUDART();
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

DeviceInfo cpuDevice() {
    DeviceInfo d;
    d.id = "cpu";
    d.backend = "cpu";
    d.name = cpuModelName() + " (" + std::to_string(hardwareThreads()) + " threads)";
    d.available = true;
    const HostMemory memory = hostMemory();
    d.memoryTotalBytes = memory.totalBytes;
    d.memoryFreeBytes = memory.availableBytes;
    d.runtimeVersion = "LibTorch " TORCH_VERSION;
    return d;
}

std::vector<DeviceInfo> cudaDevices() {
    std::vector<DeviceInfo> out;
    if (!torch::cuda::is_available()) {
        DeviceInfo d;
        d.id = "cuda:0";
        d.backend = "cuda";
        d.name = "NVIDIA GPU";
        d.unavailableReason =
            torchBuiltWithCuda()
                ? "no CUDA device found (no GPU, or the NVIDIA driver is not loaded)"
                : "this LibTorch was built without CUDA";
        out.push_back(d);
        return out;
    }
    const auto count = static_cast<int>(torch::cuda::device_count());
    for (int i = 0; i < count; ++i) {
        DeviceInfo d;
        d.id = "cuda:" + std::to_string(i);
        d.backend = "cuda";
        d.name = "CUDA device " + std::to_string(i);
        d.available = true;
        out.push_back(d);
    }
    return out;
}

DeviceInfo npuDevice() {
    DeviceInfo d;
    d.id = "npu:0";
    d.backend = "npu";
    d.name = "Ascend NPU";
    d.unavailableReason = "libtorch_npu.so not found (the Ascend backend plugin is not installed)";
    return d;
}

} // namespace

std::vector<DeviceInfo> listDevices() {
    std::vector<DeviceInfo> out{cpuDevice()};
    for (auto& d : cudaDevices())
        out.push_back(std::move(d));
    out.push_back(npuDevice());
    return out;
}

bool deviceUsable(const std::string& id, std::string& reason) {
    const std::string wanted = id == "cuda" ? "cuda:0" : id == "npu" ? "npu:0" : id;
    for (const DeviceInfo& d : listDevices()) {
        if (d.id != wanted)
            continue;
        reason = d.unavailableReason;
        return d.available;
    }
    const auto colon = wanted.find(':');
    reason = "no device " + wanted + " on this machine (" + wanted.substr(0, colon) +
             " devices: see `trainbench-cli devices`)";
    return false;
}

} // namespace tb::engine
