// Notices an accelerator that waits for data most of the time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tb::engine {

/// Counts how many of an accelerator's utilization readings are low. A GPU or NPU that is
/// mostly idle while training is fed too slowly by the data loader; the CPU is not judged
/// (its loader and its model share the same cores).
class IdleDetector {
public:
    /// Readings under this are idle.
    static constexpr double kIdleBelowPct = 30.0;
    /// Idle in more than this share of the readings is worth a warning...
    static constexpr double kIdleShare = 0.5;
    /// ...once there are this many readings to judge by.
    static constexpr std::int64_t kMinReadings = 10;

    explicit IdleDetector(std::string device);

    /// One utilization reading; unknown (< 0) readings are ignored.
    void add(double utilizationPct);

    /// The warning for the readings since the last verdict, at most once per run: what was
    /// seen and what to try. Starts a new window either way.
    std::optional<std::string> verdict();
    /// Drops the readings since the last verdict without one: a paused or held run idles the
    /// device though its loader is not slow.
    void forget();

private:
    std::string m_device;
    std::int64_t m_readings = 0;
    std::int64_t m_idleReadings = 0;
    bool m_warned = false;
};

} // namespace tb::engine
