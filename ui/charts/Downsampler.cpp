#include "ui/charts/Downsampler.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace tb::ui {

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

/// The extremes of one pixel column, as indices into the input.
struct ColumnExtremes {
    std::size_t first = kNone;
    std::size_t min = kNone;
    std::size_t max = kNone;
    std::size_t last = kNone;

    void add(std::size_t i, const double* y)
    {
        if (first == kNone) {
            first = min = max = last = i;
            return;
        }
        if (y[i] < y[min])
            min = i;
        if (y[i] > y[max])
            max = i;
        last = i;
    }

    void appendTo(const double* x, const double* y, std::vector<QPointF>& out) const
    {
        if (first == kNone)
            return;
        std::array<std::size_t, 4> picks{first, min, max, last};
        std::sort(picks.begin(), picks.end());
        const auto end = std::unique(picks.begin(), picks.end());
        for (auto it = picks.begin(); it != end; ++it)
            out.emplace_back(x[*it], y[*it]);
    }
};

void appendIfFinite(const double* x, const double* y, std::size_t i, std::vector<QPointF>& out)
{
    if (std::isfinite(y[i]))
        out.emplace_back(x[i], y[i]);
}

} // namespace

void downsampleMinMax(const double* x, const double* y, std::size_t n, double xMin, double xMax,
                      int columns, std::vector<QPointF>& out)
{
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
    std::size_t i = lo;
    while (i < hi) {
        const auto column = std::min(
            columns - 1, static_cast<int>(std::floor((x[i] - xMin) / columnWidth)));
        // Comparing against the column's right edge costs less per point than a division.
        const double columnEnd = column == columns - 1
                                     ? std::numeric_limits<double>::infinity()
                                     : xMin + (column + 1) * columnWidth;
        // The point that opened the column always joins it, even when rounding put it on
        // the edge, so the scan always advances.
        ColumnExtremes extremes;
        do {
            if (std::isfinite(y[i]))
                extremes.add(i, y);
            ++i;
        } while (i < hi && x[i] < columnEnd);
        extremes.appendTo(x, y, out);
    }
    if (hi < to)
        appendIfFinite(x, y, hi, out);
}

} // namespace tb::ui
