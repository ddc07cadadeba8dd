// What this process's LibTorch says about CUDA.
#pragma once

#include <cstdint>
#include <string>

namespace tb::cuda {

/// LibTorch's view of CUDA.
struct TorchCudaState {
    bool builtWithCuda = false; ///< false for a CPU-only LibTorch (Debian's 1.13)
    int deviceCount = 0;        ///< devices LibTorch can use; 0 when CUDA fails to start
    int runtimeVersion = 0;     ///< CUDA runtime LibTorch was built with: 12010 for 12.1; 0
};

/// Asks LibTorch; never throws.
TorchCudaState probeTorchCuda();

/// PCI bus id (`0000:01:00.0`) of CUDA device `index` as LibTorch numbers it (after
/// CUDA_VISIBLE_DEVICES), or empty when this LibTorch has no CUDA or the call fails.
std::string pciBusIdOf(int index);

/// The caching allocator's bytes of this process on CUDA device `index`; -1 when this
/// LibTorch has no CUDA or the allocator has not started on that device.
struct AllocatorBytes {
    std::int64_t allocated = -1;
    std::int64_t reserved = -1;
    std::int64_t peak = -1;
};
AllocatorBytes cudaAllocatorBytes(int index);

} // namespace tb::cuda
