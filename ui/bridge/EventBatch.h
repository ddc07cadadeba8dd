// The unit in which engine events reach the UI.
#pragma once

#include "engine/events/Event.h"

#include <QMetaType>
#include <vector>

namespace tb::ui {

/// Events drained in one bridge tick, oldest first.
using EventBatch = std::vector<tb::engine::Event>;

} // namespace tb::ui

Q_DECLARE_METATYPE(tb::ui::EventBatch)
