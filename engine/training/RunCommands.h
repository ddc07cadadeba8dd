// Commands from other threads to the engine thread, checked between optimizer steps.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>

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
    /// Holds the run between steps, as a pause does, for a reason of the engine's own (the
    /// workspace cannot be written); release() lets it go on. Independent of setPaused().
    void hold(const std::string& reason) {
        std::lock_guard lock(m_mutex);
        m_holdReason = reason;
        m_held = true;
        m_changed.notify_all();
    }
    void release() {
        std::lock_guard lock(m_mutex);
        m_holdReason.clear();
        m_held = false;
        m_changed.notify_all();
    }
    bool held() const { return m_held; }
    /// Why the run is held; empty when it is not.
    std::string holdReason() const {
        std::lock_guard lock(m_mutex);
        return m_holdReason;
    }
    void requestCheckpoint() { m_checkpoint = true; }

    bool stopRequested() const { return m_stop; }
    bool paused() const { return m_paused; }
    /// True once after requestCheckpoint().
    bool takeCheckpointRequest() { return m_checkpoint.exchange(false); }

    /// Blocks the engine thread while paused or held; returns at once when not, or on stop.
    void waitWhilePaused() {
        if (!m_paused && !m_held)
            return;
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return (!m_paused && !m_held) || m_stop; });
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::string m_holdReason;          // guarded by m_mutex
    std::atomic<bool> m_stop{false};   // written under m_mutex so waiters see it
    std::atomic<bool> m_paused{false}; // written under m_mutex so waiters see it
    std::atomic<bool> m_held{false};   // written under m_mutex so waiters see it
    std::atomic<bool> m_checkpoint{false};
};

} // namespace tb::engine
