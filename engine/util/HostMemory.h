// How the process's C allocator treats the memory a training run frees.
#pragma once

namespace tb::engine {

/// Makes glibc keep the memory that training frees instead of handing it back to the kernel.
/// By default every step's activations (~13 MB each for the default CNN) are unmapped when
/// freed and faulted in again, zeroed, at the next step: 2.2 million page faults per 150 steps
/// on two cores, two thirds of the run in the kernel. Kept, a run holds its peak memory until
/// the process ends and trains 2-3x faster on CPU. Call it first thing in main(), before other
/// threads exist (RunController::start calls it too, which is enough for a process whose only
/// threads are the engine's). Safe from any thread, any number of times; a no-op where the C
/// library is not glibc.
void keepFreedHostMemory();

} // namespace tb::engine
