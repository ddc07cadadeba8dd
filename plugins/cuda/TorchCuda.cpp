#include "plugins/cuda/TorchCuda.h"

#include <ATen/detail/CUDAHooksInterface.h>
#include <exception>
#include <torch/cuda.h>

#ifdef TB_TORCH_HAS_CUDA
#include "plugins/cuda/NvmlApi.h"

#include <c10/cuda/CUDACachingAllocator.h>
#include <cuda_runtime_api.h>
#endif

namespace tb::cuda {

TorchCudaState probeTorchCuda() {
    TorchCudaState state;
    try {
        // A CPU-only LibTorch's stub hooks throw where the real ones answer.
        state.runtimeVersion = static_cast<int>(at::detail::getCUDAHooks().versionCUDART());
        state.builtWithCuda = true;
    } catch (const std::exception&) {
        return state;
    }
    try {
        state.deviceCount = static_cast<int>(torch::cuda::device_count());
    } catch (const std::exception&) {
        state.deviceCount = 0;
    }
    return state;
}

#ifdef TB_TORCH_HAS_CUDA

std::string pciBusIdOf(int index) {
    char busId[NVML_DEVICE_PCI_BUS_ID_BUFFER_SIZE] = {};
    if (cudaDeviceGetPCIBusId(busId, sizeof(busId), index) != cudaSuccess)
        return {};
    return busId;
}

AllocatorBytes cudaAllocatorBytes(int index) {
    try {
        // getDeviceStats takes an int in 1.13 and a c10::DeviceIndex in 2.x; both accept this.
        const auto stats =
            c10::cuda::CUDACachingAllocator::getDeviceStats(static_cast<c10::DeviceIndex>(index));
        // Element 0 is StatType::AGGREGATE (all pools) in 1.13 and 2.x alike; the enum itself
        // moved namespaces in 2.x.
        return {stats.allocated_bytes[0].current, stats.reserved_bytes[0].current,
                stats.allocated_bytes[0].peak};
    } catch (const std::exception&) {
        // Thrown until the allocator has started on that device ("did you call init?").
        return {};
    }
}

#else

std::string pciBusIdOf(int) {
    return {};
}

AllocatorBytes cudaAllocatorBytes(int) {
    return {};
}

#endif

} // namespace tb::cuda
