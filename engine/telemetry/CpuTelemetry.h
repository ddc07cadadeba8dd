// The CPU's telemetry: /proc for the machine, the C allocator for this process.
#pragma once

#include "engine/telemetry/ProcStat.h"
#include "engine/telemetry/TelemetrySource.h"

#include <optional>

namespace tb::engine {

/// Device `cpu`: utilization of all CPUs since the previous reading (the first reading covers
/// the time since construction), the machine's RAM in use (MemTotal - MemAvailable) and
/// total, and the C allocator's bytes of this process as allocated / reserved / peak (the
/// highest allocated reading so far: the C allocator keeps no peak of its own).
class CpuTelemetry final : public TelemetrySource {
public:
    CpuTelemetry();
    std::string device() const override { return "cpu"; }
    DeviceSample read() override;

private:
    std::optional<CpuTimes> m_lastTimes;
    std::int64_t m_peakBytes = -1;
};

} // namespace tb::engine
