// Commands from other threads to the engine thread, checked between optimizer steps.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace tb::engine {

/// Thread-safe: any thread sets commands; the engine thread polls them between steps.
class RunCommands {
public:
    void requestStop() {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_changed.notify_all();
    }
    void setPaused(bool paused) {
        std::lock_guard lock(m_mutex);
        m_paused = paused;
        m_changed.notify_all();
    }
    void requestCheckpoint() { m_checkpoint = true; }

    bool stopRequested() const { return m_stop; }
    bool paused() const { return m_paused; }
    /// True once after requestCheckpoint().
    bool takeCheckpointRequest() { return m_checkpoint.exchange(false); }

    /// Blocks the engine thread while paused; returns at once when not, or on stop.
    void waitWhilePaused() {
        if (!m_paused)
            return;
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_paused || m_stop; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::atomic<bool> m_stop{false};   // written under m_mutex so waiters see it
    std::atomic<bool> m_paused{false}; // written under m_mutex so waiters see it
    std::atomic<bool> m_checkpoint{false};
};

} // namespace tb::engine
