// Where a chart's legend goes: the corner of the plot that hides the least of its curves.
#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <Qt>
#include <vector>

class QCustomPlot;

namespace tb::ui {

/// The corner of `area` where a box of size `legend` crosses the fewest segments of
/// `polylines` (a one-point polyline counts when the box holds the point), tried top right, top
/// left, bottom right, bottom left. The legend stays at `current` unless that corner hides at
/// most half as much, so that a live chart's legend moves to uncover a curve, not to and fro
/// as new points come in.
Qt::Alignment leastCoveredCorner(const QRectF& area, const QSizeF& legend,
                                 const std::vector<std::vector<QPointF>>& polylines,
                                 Qt::Alignment current);

/// Puts `plot`'s legend (an inset of its axis rect) in the leastCoveredCorner of the curves
/// its visible graphs draw, chosen again at every replot.
void keepLegendClearOfCurves(QCustomPlot& plot);

} // namespace tb::ui
