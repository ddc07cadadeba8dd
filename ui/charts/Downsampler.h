// Reduces long curves to what a chart of a given width can show.
#pragma once

#include "ui/charts/ExtremaIndex.h"

#include <QPointF>
#include <cstddef>
#include <vector>

namespace tb::ui {

/// Reduces the polyline (x[i], y[i]), sorted by x, to at most four points per pixel column of
/// the visible range [xMin, xMax] split into `columns` equal columns: the first, lowest,
/// highest and last point of the column, in their original order (the M4 reduction). Every
/// column's minimum and maximum survive, so a spike is never lost the way random sampling
/// loses it, and the drawn line is pixel-identical to drawing every point. The nearest point
/// on each side of the range is kept so the line runs to the chart's edges. Points with a
/// non-finite y (a diverged loss) are skipped. `index`, when not null, must be up to date with
/// y; it makes the cost O(columns x (log n + 16 x levels)) instead of O(points in range).
void downsampleMinMax(const double* x, const double* y, std::size_t n, const ExtremaIndex* index,
                      double xMin, double xMax, int columns, std::vector<QPointF>& out);

} // namespace tb::ui
