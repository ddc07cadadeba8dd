#include "ui/charts/Downsampler.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace tb::ui {

namespace {

/// Appends the first, lowest, highest and last finite point of [from, to), in their order.
void appendColumn(const double* x, const double* y, const ExtremaIndex* index, std::size_t from,
                  std::size_t to, std::vector<QPointF>& out) {
    const Extremes extremes = ExtremaIndex::find(index, y, from, to);
    if (extremes.min == Extremes::kNone)
        return;
    std::size_t first = from;
    while (!std::isfinite(y[first]))
        ++first;
    std::size_t last = to - 1;
    while (!std::isfinite(y[last]))
        --last;
    std::array<std::size_t, 4> picks{first, extremes.min, extremes.max, last};
    std::sort(picks.begin(), picks.end());
    const auto end = std::unique(picks.begin(), picks.end());
    for (auto it = picks.begin(); it != end; ++it)
        out.emplace_back(x[*it], y[*it]);
}

void appendIfFinite(const double* x, const double* y, std::size_t i, std::vector<QPointF>& out) {
    if (std::isfinite(y[i]))
        out.emplace_back(x[i], y[i]);
}

} // namespace

void downsampleMinMax(const double* x, const double* y, std::size_t n, const ExtremaIndex* index,
                      double xMin, double xMax, int columns, std::vector<QPointF>& out) {
    out.clear();
    if (n == 0 || columns <= 0 || !(xMax >= xMin))
        return;
    const auto lo = static_cast<std::size_t>(std::lower_bound(x, x + n, xMin) - x);
    const auto hi = static_cast<std::size_t>(std::upper_bound(x, x + n, xMax) - x);
    const std::size_t from = lo > 0 ? lo - 1 : lo;
    const std::size_t to = hi < n ? hi + 1 : hi;

    if (to - from <= 4 * static_cast<std::size_t>(columns)) {
        out.reserve(to - from);
        for (std::size_t i = from; i < to; ++i)
            appendIfFinite(x, y, i, out);
        return;
    }

    out.reserve(4 * static_cast<std::size_t>(columns) + 2);
    if (from < lo)
        appendIfFinite(x, y, from, out);
    const double columnWidth = (xMax - xMin) / columns;
    std::size_t columnStart = lo;
    for (int column = 0; column < columns && columnStart < hi; ++column) {
        // Points left of the column's right edge; the last column takes the rest.
        const std::size_t columnEnd =
            column == columns - 1
                ? hi
                : static_cast<std::size_t>(
                      std::lower_bound(x + columnStart, x + hi, xMin + (column + 1) * columnWidth) -
                      x);
        if (columnEnd > columnStart)
            appendColumn(x, y, index, columnStart, columnEnd, out);
        columnStart = columnEnd;
    }
    if (hi < to)
        appendIfFinite(x, y, hi, out);
}

} // namespace tb::ui
