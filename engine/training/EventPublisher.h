// Hands a run's events to its observers, stamped on one clock.
#pragma once

#include "engine/events/EventObserver.h"

#include <chrono>
#include <memory>
#include <vector>

namespace tb::engine {

/// Used on the engine thread only.
class EventPublisher {
public:
    EventPublisher(std::int64_t runId, std::vector<std::shared_ptr<EventObserver>> observers)
        : m_runId(runId)
        , m_observers(std::move(observers))
        , m_start(std::chrono::steady_clock::now()) {}

    std::int64_t runId() const { return m_runId; }
    /// Seconds since the run started: the time base of every event.
    double elapsedS() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    }
    void publish(const Event& event) const {
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
};

} // namespace tb::engine
