// The parts of a chart that draws a forecast after the rows before it.
#pragma once

class QCPItemRect;
class QCustomPlot;

namespace tb::ui {

/// Dates on the key axis, shown as the file writes them (its dates carry no time zone, so
/// they are read and shown as UTC).
void useDateAxis(QCustomPlot& plot);

/// A band behind the curves over the whole height; set its keys to the rows forecast.
QCPItemRect* addForecastBand(QCustomPlot& plot);

/// The legend in one row at the top left, moved to the corner that hides the least curve.
void showLegendInARow(QCustomPlot& plot);

} // namespace tb::ui
