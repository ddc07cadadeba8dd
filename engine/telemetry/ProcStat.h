// How busy the machine's CPUs are, from /proc/stat.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tb::engine {

/// Clock ticks every CPU of the machine has spent since boot, busy and in all.
struct CpuTimes {
    std::uint64_t busyTicks = 0;
    std::uint64_t totalTicks = 0;
};

/// The aggregate `cpu` line of /proc/stat's text; nullopt when it is missing or garbled.
/// Idle and I/O wait count as not busy; guest time is already part of user time.
std::optional<CpuTimes> parseCpuTimes(std::string_view procStat);

/// /proc/stat now; nullopt when it cannot be read (not Linux, no /proc).
std::optional<CpuTimes> readCpuTimes();

/// Percent of the time between two readings that the CPUs were busy, averaged over all CPUs;
/// -1 when no tick passed between them.
double busyPercent(const CpuTimes& before, const CpuTimes& after);

} // namespace tb::engine
