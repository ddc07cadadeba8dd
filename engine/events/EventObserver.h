// Subscribers to engine events.
#pragma once

#include "engine/events/Event.h"

namespace tb::engine {

/// Receives every event of a run, in order, one at a time, on the engine thread or the
/// telemetry sampler's (device samples). Implementations must return quickly (queue the event
/// and handle it on their own thread): the training loop waits for them.
class EventObserver {
public:
    virtual ~EventObserver() = default;
    virtual void onEvent(const Event& event) = 0;
};

} // namespace tb::engine
