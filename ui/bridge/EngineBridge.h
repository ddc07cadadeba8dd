// The one place where engine events become Qt signals.
#pragma once

#include "ui/bridge/EventBatch.h"

#include <QObject>
#include <QTimer>
#include <memory>

namespace tb::engine {
class EventObserver;
}

namespace tb::ui {

/// Collects events published on the engine thread and hands them to the GUI thread in
/// batches: observer() queues under a mutex and returns at once; a ~30 Hz timer on the GUI
/// thread drains the queue and emits one eventsArrived() per tick that found anything, so a
/// fast training loop never floods the event loop with per-step signals.
class EngineBridge : public QObject {
    Q_OBJECT
public:
    static constexpr int kDrainIntervalMs = 33;

    explicit EngineBridge(QObject* parent = nullptr);
    ~EngineBridge() override;

    /// The observer to hand to RunOptions::observers. Safe to call onEvent() on it from any
    /// thread, also after this bridge is gone.
    std::shared_ptr<tb::engine::EventObserver> observer() const;

    /// Starts or stops the drain timer; a stopped bridge keeps queueing.
    void setDraining(bool on);
    /// Emits whatever is queued now (used before a final refresh, e.g. when a run ends).
    void drainNow();

Q_SIGNALS:
    void eventsArrived(const tb::ui::EventBatch& batch);

private:
    class Queue;
    std::shared_ptr<Queue> m_queue;
    QTimer m_timer;
};

} // namespace tb::ui
