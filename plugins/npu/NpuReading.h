// One Ascend NPU's counters, from DCMI or from npu-smi.
#pragma once

#include <cstdint>
#include <string>

namespace tb::npu {

/// -1 where a call failed or the source does not report it (npu-smi has no clock).
struct NpuReading {
    double aiCoreUtilizationPct = -1.0;
    std::int64_t memoryUsedBytes = -1; ///< HBM, or DDR on chips without HBM
    std::int64_t memoryTotalBytes = -1;
    double powerW = -1.0;
    double temperatureC = -1.0;
    double aiCoreClockMHz = -1.0;
};

/// One NPU chip as a source lists it.
struct NpuChip {
    std::string name; ///< `Ascend 910B3`
    NpuReading reading;
};

} // namespace tb::npu
