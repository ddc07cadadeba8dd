#include "engine/telemetry/ProcStat.h"

#include <array>
#include <fstream>
#include <sstream>
#include <string>

namespace tb::engine {

std::optional<CpuTimes> parseCpuTimes(std::string_view procStat) {
    const std::string_view firstLine = procStat.substr(0, procStat.find('\n'));
    std::istringstream in{std::string(firstLine)};
    std::string label;
    in >> label;
    if (label != "cpu")
        return std::nullopt;
    // user nice system idle iowait irq softirq steal; older kernels stop after iowait.
    std::array<std::uint64_t, 8> ticks{};
    std::size_t read = 0;
    while (read < ticks.size() && in >> ticks[read])
        ++read;
    if (read < 4)
        return std::nullopt;
    CpuTimes times;
    for (std::size_t i = 0; i < read; ++i)
        times.totalTicks += ticks[i];
    const std::uint64_t idle = ticks[3] + ticks[4];
    times.busyTicks = times.totalTicks - idle;
    return times;
}

std::optional<CpuTimes> readCpuTimes() {
    std::ifstream in("/proc/stat");
    std::string line;
    if (!std::getline(in, line))
        return std::nullopt;
    return parseCpuTimes(line);
}

double busyPercent(const CpuTimes& before, const CpuTimes& after) {
    if (after.totalTicks <= before.totalTicks)
        return -1.0;
    const double busy = static_cast<double>(after.busyTicks - before.busyTicks);
    return 100.0 * busy / static_cast<double>(after.totalTicks - before.totalTicks);
}

} // namespace tb::engine
