// Reading the CPU's name and the machine's memory from /proc.
#pragma once

#include <cstdint>
#include <string>

namespace tb::engine {

struct HostMemory {
    std::int64_t totalBytes = -1;
    std::int64_t availableBytes = -1;
};

/// `model name` of /proc/cpuinfo, or "CPU".
std::string cpuModelName();

/// Whether the CPU multiplies bf16 in hardware (AVX512-BF16 or AMX); without it, bf16
/// autocast is emulated and slower than float32.
bool cpuHasBFloat16Math();

/// MemTotal and MemAvailable of /proc/meminfo; -1 when unreadable.
HostMemory hostMemory();

} // namespace tb::engine
