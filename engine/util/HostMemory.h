// The machine's memory, and how the process's C allocator treats the memory a run frees.
#pragma once

#include <cstdint>

namespace tb::engine {

/// Makes glibc keep the memory that training frees instead of handing it back to the kernel.
/// By default every step's activations (~13 MB each for the default CNN) are unmapped when
/// freed and faulted in again, zeroed, at the next step: 2.2 million page faults per 150 steps
/// on two cores, two thirds of the run in the kernel. Kept, a run holds its peak memory until
/// releaseFreedHostMemory and trains 2-3x faster on CPU. Call it first thing in main(),
/// before other threads exist (RunController::start calls it too, which is enough for a
/// process whose only threads are the engine's). Safe from any thread, any number of times;
/// a no-op where the C library is not glibc.
void keepFreedHostMemory();

/// Hands the memory that is free now back to the kernel, once: for the end of a run, so that
/// the app does not hold a finished run's peak. A no-op where the C library is not glibc.
void releaseFreedHostMemory();

/// The machine's memory.
struct HostMemory {
    std::int64_t totalBytes = -1;
    std::int64_t availableBytes = -1;
};

/// MemTotal and MemAvailable of /proc/meminfo; -1 when unreadable.
HostMemory hostMemory();

/// What the C allocator holds for this process: LibTorch's CPU tensors live there, so these
/// are the CPU's "allocated" and "reserved" bytes in the sense of a GPU caching allocator.
struct HeapBytes {
    std::int64_t inUseBytes = -1;    ///< handed out and not yet freed
    std::int64_t reservedBytes = -1; ///< taken from the kernel: in use plus kept free
};

/// The C allocator's counters now; -1 where the C library is not glibc. Walks the allocator's
/// free lists: microseconds, fine a few times a second, not per tensor.
HeapBytes heapBytes();

} // namespace tb::engine
