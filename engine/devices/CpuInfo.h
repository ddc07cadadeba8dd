// Reading the CPU's name and abilities from /proc.
#pragma once

#include <cstdint>
#include <string>

namespace tb::engine {

/// `model name` of /proc/cpuinfo, or "CPU".
std::string cpuModelName();

/// Whether the CPU multiplies bf16 in hardware (AVX512-BF16 or AMX); without it, bf16
/// autocast is emulated and slower than float32.
bool cpuHasBFloat16Math();

} // namespace tb::engine
