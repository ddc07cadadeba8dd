#include "engine/telemetry/IdleDetector.h"

#include <cstdio>

namespace tb::engine {

IdleDetector::IdleDetector(std::string device)
    : m_device(std::move(device)) {}

void IdleDetector::add(double utilizationPct) {
    if (utilizationPct < 0.0)
        return;
    ++m_readings;
    if (utilizationPct < kIdleBelowPct)
        ++m_idleReadings;
}

void IdleDetector::forget() {
    m_readings = 0;
    m_idleReadings = 0;
}

std::optional<std::string> IdleDetector::verdict() {
    const std::int64_t readings = m_readings;
    const std::int64_t idle = m_idleReadings;
    forget();
    if (m_warned || m_device.rfind("cpu", 0) == 0 || readings < kMinReadings)
        return std::nullopt;
    const double share = static_cast<double>(idle) / static_cast<double>(readings);
    if (share <= kIdleShare)
        return std::nullopt;
    m_warned = true;
    char text[400];
    std::snprintf(text, sizeof(text),
                  "%s was idle (under %.0f%% busy) in %.0f%% of %lld readings: training waits "
                  "for data. Try more loader workers (data.num_workers), a larger batch "
                  "(train.batch_size) or a deeper prefetch (data.prefetch).",
                  m_device.c_str(), kIdleBelowPct, 100.0 * share, static_cast<long long>(readings));
    return std::string(text);
}

} // namespace tb::engine
