// What the training benchmarks share: the epoch times a run publishes, and their median.
#pragma once

#include "engine/events/EventObserver.h"

#include <algorithm>
#include <mutex>
#include <vector>

namespace tb::bench {

/// Collects EpochSummary::durationS from the engine thread; read from any thread.
class EpochTimes : public tb::engine::EventObserver {
public:
    void onEvent(const tb::engine::Event& event) override {
        std::lock_guard lock(m_mutex);
        if (const auto* e = std::get_if<tb::engine::EpochSummary>(&event))
            m_seconds.push_back(e->durationS);
    }
    std::vector<double> seconds() {
        std::lock_guard lock(m_mutex);
        return m_seconds;
    }

private:
    std::mutex m_mutex;
    std::vector<double> m_seconds; // guarded by m_mutex
};

/// The median (the upper one of an even count); 0 for none.
inline double median(std::vector<double> v) {
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace tb::bench
