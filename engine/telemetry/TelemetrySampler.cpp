#include "engine/telemetry/TelemetrySampler.h"

#include <algorithm>
#include <chrono>

namespace tb::engine {

TelemetrySampler::TelemetrySampler(std::vector<std::unique_ptr<TelemetrySource>> sources,
                                   double rateHz, std::function<double()> clock,
                                   std::function<void(DeviceSample)> publish)
    : m_sources(std::move(sources))
    , m_period(std::chrono::duration_cast<std::chrono::nanoseconds>(
          std::chrono::duration<double>(1.0 / std::clamp(rateHz, 0.1, kMaxRateHz))))
    , m_clock(std::move(clock))
    , m_publish(std::move(publish))
    , m_idle(m_sources.empty() ? std::string("cpu") : m_sources.front()->device()) {
    m_thread = std::thread([this] { loop(); });
}

TelemetrySampler::~TelemetrySampler() {
    stop();
}

void TelemetrySampler::stop() {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return;
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

std::optional<std::string> TelemetrySampler::idleWarning() {
    std::lock_guard lock(m_mutex);
    return m_idle.verdict();
}

void TelemetrySampler::forgetIdleReadings() {
    std::lock_guard lock(m_mutex);
    m_idle.forget();
}

void TelemetrySampler::loop() {
    // A fixed schedule, not a fixed sleep: readings stay 1/rate apart however long one takes.
    auto next = std::chrono::steady_clock::now();
    for (;;) {
        sampleAll();
        // A source slower than the period delays the next reading instead of bunching them.
        next = std::max(next + m_period, std::chrono::steady_clock::now());
        std::unique_lock lock(m_mutex);
        if (m_wake.wait_until(lock, next, [this] { return m_stopping; })) {
            lock.unlock();
            sampleAll();
            return;
        }
    }
}

void TelemetrySampler::sampleAll() {
    for (std::size_t i = 0; i < m_sources.size(); ++i) {
        DeviceSample sample = m_sources[i]->read();
        sample.wallTimeS = m_clock();
        if (i == 0) {
            std::lock_guard lock(m_mutex);
            m_idle.add(sample.utilizationPct);
        }
        m_publish(std::move(sample));
    }
}

} // namespace tb::engine
