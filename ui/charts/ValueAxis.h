// Fitting a chart's value axis to what it draws.
#pragma once

class QCustomPlot;

namespace tb::ui {

/// Fits the value axis of `plot` to every graph it holds, with 8% of the span free above and
/// below; leaves it as it is when no graph has data.
void fitValueAxis(QCustomPlot& plot);

} // namespace tb::ui
