#include "ui/bridge/EngineBridge.h"

#include "engine/events/EventObserver.h"

#include <mutex>

namespace tb::ui {

class EngineBridge::Queue : public tb::engine::EventObserver {
public:
    void onEvent(const tb::engine::Event& event) override {
        std::lock_guard lock(m_mutex);
        m_events.push_back(event);
    }

    EventBatch take() {
        EventBatch taken;
        std::lock_guard lock(m_mutex);
        taken.swap(m_events);
        return taken;
    }

private:
    std::mutex m_mutex;
    EventBatch m_events; // guarded by m_mutex
};

EngineBridge::EngineBridge(QObject* parent)
    : QObject(parent)
    , m_queue(std::make_shared<Queue>()) {
    qRegisterMetaType<EventBatch>();
    m_timer.setInterval(kDrainIntervalMs);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &EngineBridge::drainNow);
}

EngineBridge::~EngineBridge() = default;

std::shared_ptr<tb::engine::EventObserver> EngineBridge::observer() const {
    return m_queue;
}

void EngineBridge::setDraining(bool on) {
    if (on)
        m_timer.start();
    else
        m_timer.stop();
}

void EngineBridge::drainNow() {
    EventBatch batch = m_queue->take();
    if (!batch.empty())
        Q_EMIT eventsArrived(batch);
}

} // namespace tb::ui
