// Reads device counters on its own thread while a run trains.
#pragma once

#include "engine/telemetry/IdleDetector.h"
#include "engine/telemetry/TelemetrySource.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace tb::engine {

/// Samples every source at `rateHz` (0.1 to 10) from construction until stop() or
/// destruction, stamping each reading with `clock()` (the run's time base) and handing it to
/// `publish` on the sampler's thread (runId is the caller's to set). The first source is the
/// training device: its readings also feed an IdleDetector.
///
/// Example:
/// ```
/// TelemetrySampler sampler(std::move(sources), 2.0, [&] { return events.elapsedS(); },
///                          [&](DeviceSample s) { s.runId = id; events.publish(s); });
/// ... train ...
/// if (auto warning = sampler.idleWarning()) events.log(LogLevel::Warning, *warning);
/// sampler.stop();
/// ```
class TelemetrySampler {
public:
    static constexpr double kMaxRateHz = 10.0;

    TelemetrySampler(std::vector<std::unique_ptr<TelemetrySource>> sources, double rateHz,
                     std::function<double()> clock, std::function<void(DeviceSample)> publish);
    ~TelemetrySampler();

    TelemetrySampler(const TelemetrySampler&) = delete;
    TelemetrySampler& operator=(const TelemetrySampler&) = delete;

    /// Takes one last reading of every source, then joins the thread. Idempotent.
    void stop();

    /// The IdleDetector's verdict on the training device's readings since the last call.
    std::optional<std::string> idleWarning();
    /// Drops the readings the next idleWarning() would judge (those of a pause).
    void forgetIdleReadings();

private:
    void loop();
    void sampleAll();

    std::vector<std::unique_ptr<TelemetrySource>> m_sources;
    std::chrono::nanoseconds m_period;
    std::function<double()> m_clock;
    std::function<void(DeviceSample)> m_publish;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false; // guarded by m_mutex
    IdleDetector m_idle;     // guarded by m_mutex
    std::thread m_thread;
};

} // namespace tb::engine
