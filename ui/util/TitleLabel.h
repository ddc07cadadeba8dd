// The heading line of a panel: the run or dataset it shows.
#pragma once

class QLabel;

namespace tb::ui {

/// Makes `label` a heading: bold, and selectable so that a run name or file path can be copied.
void styleAsTitle(QLabel* label);

} // namespace tb::ui
