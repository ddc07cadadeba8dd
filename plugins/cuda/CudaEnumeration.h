// The CUDA device list from what LibTorch and NVML say: a pure function, tested with both
// sides scripted.
#pragma once

#include "engine/devices/DeviceInfo.h"
#include "plugins/cuda/TorchCuda.h"

#include <string>
#include <vector>

namespace tb::cuda {

/// One GPU as NVML describes it.
struct NvmlGpu {
    std::string name; ///< empty when NVML could not say
    std::int64_t memoryTotalBytes = -1;
    std::int64_t memoryFreeBytes = -1;
    double utilizationPct = -1.0;
};

/// What NVML says about the machine.
struct NvmlState {
    std::string error;         ///< why NVML could not be read; empty when it could
    std::string driverVersion; ///< `535.104.05`
    int cudaDriverVersion = 0; ///< newest CUDA the driver supports: 12020 for 12.2; 0 unknown
    /// When LibTorch can use CUDA: one per LibTorch device, in its order (a GPU NVML could not
    /// match is default-constructed). Otherwise: every GPU NVML sees, in NVML's order.
    std::vector<NvmlGpu> gpus;
};

/// `12.1` for 12010.
std::string cudaVersionText(int version);

/// The `cuda:N` entries. When LibTorch can use CUDA, one available entry per device; when it
/// cannot, the GPUs NVML sees (or one `cuda:0` when it sees none), unavailable, with the
/// reason: "this LibTorch was built without CUDA", "driver/runtime mismatch: CUDA 11.4
/// driver, 12.1 runtime", or "no CUDA device found".
std::vector<engine::DeviceInfo> cudaDevices(const TorchCudaState& torch, const NvmlState& nvml);

} // namespace tb::cuda
