// Hands a run's events to its observers, stamped on one clock.
#pragma once

#include "engine/events/EventObserver.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

namespace tb::engine {

/// Used on the engine thread and the telemetry sampler's: publish() hands one event at a time
/// to the observers, so they see the two threads' events in one order.
class EventPublisher {
public:
    /// `startS`: the run's clock now (a continued run's goes on from where it stopped).
    EventPublisher(std::int64_t runId, std::vector<std::shared_ptr<EventObserver>> observers,
                   double startS = 0.0)
        : m_runId(runId)
        , m_observers(std::move(observers))
        , m_start(std::chrono::steady_clock::now() -
                  std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                      std::chrono::duration<double>(startS))) {}

    std::int64_t runId() const { return m_runId; }
    /// Seconds since the run started: the time base of every event.
    double elapsedS() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    }
    void publish(const Event& event) const {
        std::lock_guard lock(m_publishing);
        for (const auto& observer : m_observers)
            observer->onEvent(event);
    }
    void log(LogLevel level, std::string text) const {
        publish(LogLine{m_runId, level, elapsedS(), std::move(text)});
    }

private:
    std::int64_t m_runId;
    std::vector<std::shared_ptr<EventObserver>> m_observers;
    std::chrono::steady_clock::time_point m_start;
    mutable std::mutex m_publishing;
};

} // namespace tb::engine
