// What the horizontal axis of the charts counts.
#pragma once

#include <QString>

namespace tb::ui {

enum class XAxisMode { Step, Epoch, WallTime };

inline QString xAxisLabel(XAxisMode mode) {
    switch (mode) {
    case XAxisMode::Step:
        return QStringLiteral("Step");
    case XAxisMode::Epoch:
        return QStringLiteral("Epoch");
    case XAxisMode::WallTime:
        return QStringLiteral("Wall time (s)");
    }
    return {};
}

} // namespace tb::ui
