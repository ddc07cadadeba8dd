// The colours that mean the same thing in every view: a run's state, a problem.
#pragma once

#include <QColor>

namespace tb::ui::accent {

inline const QColor kGood{0x2e, 0xa0, 0x4f};    ///< training, finished; Train
inline const QColor kBusy{0x2f, 0x80, 0xd6};    ///< starting, stopping, running elsewhere
inline const QColor kPaused{0xe0, 0x98, 0x1c};  ///< paused; a star
inline const QColor kWarning{0xd4, 0x88, 0x06}; ///< a warning in the log
inline const QColor kProblem{0xd6, 0x45, 0x3d}; ///< failed, invalid input; Stop
inline const QColor kQuiet{0x8a, 0x8e, 0x92};   ///< idle, stopped, not chosen

} // namespace tb::ui::accent
