#include "ui/charts/LegendPlacement.h"

#include <QObject>
#include <array>
#include <cmath>
#include <qcustomplot.h>

namespace tb::ui {

namespace {

/// Whether the segment a-b passes through `box` (Liang-Barsky clipping).
bool crosses(const QPointF& a, const QPointF& b, const QRectF& box) {
    const double dx = b.x() - a.x();
    const double dy = b.y() - a.y();
    double enter = 0.0;
    double leave = 1.0;
    const std::array<std::array<double, 2>, 4> edges{{
        {-dx, a.x() - box.left()},
        {dx, box.right() - a.x()},
        {-dy, a.y() - box.top()},
        {dy, box.bottom() - a.y()},
    }};
    for (const auto& [p, q] : edges) {
        if (p == 0.0) {
            if (q < 0.0)
                return false; // parallel to this edge and outside it
            continue;
        }
        const double t = q / p;
        if (p < 0.0)
            enter = std::max(enter, t);
        else
            leave = std::min(leave, t);
        if (enter > leave)
            return false;
    }
    return true;
}

int coveredSegments(const QRectF& box, const std::vector<std::vector<QPointF>>& polylines) {
    int covered = 0;
    for (const auto& line : polylines) {
        if (line.size() == 1)
            covered += box.contains(line.front()) ? 1 : 0;
        for (std::size_t i = 1; i < line.size(); ++i)
            covered += crosses(line[i - 1], line[i], box) ? 1 : 0;
    }
    return covered;
}

QRectF boxAt(const QRectF& area, const QSizeF& size, Qt::Alignment corner) {
    QRectF box(QPointF(), size);
    if (corner & Qt::AlignLeft)
        box.moveLeft(area.left());
    else
        box.moveRight(area.right());
    if (corner & Qt::AlignTop)
        box.moveTop(area.top());
    else
        box.moveBottom(area.bottom());
    return box;
}

/// The horizontal pixel spans a legend `width` wide can take in `area`: beside the left edge
/// and beside the right one, or the whole width where those two meet.
std::vector<std::pair<double, double>> cornerSpans(const QRectF& area, double width) {
    if (2 * width >= area.width())
        return {{area.left(), area.right()}};
    return {{area.left(), area.left() + width}, {area.right() - width, area.right()}};
}

/// The pixels each visible graph draws through within `spans` (the data is sorted by key, so
/// the rest is never read: a replot stays cheap at thousands of points a graph), with the
/// points either side so that segments crossing a span's edge count. Lines break where a
/// value is missing (NaN), as QCustomPlot breaks them; a graph drawn as points alone gives
/// one-point lines.
std::vector<std::vector<QPointF>>
drawnPolylines(const QCustomPlot& plot, const std::vector<std::pair<double, double>>& spans) {
    std::vector<std::vector<QPointF>> lines;
    for (int i = 0; i < plot.graphCount(); ++i) {
        const QCPGraph* graph = plot.graph(i);
        if (!graph->visible() || graph->data()->isEmpty())
            continue;
        const bool pointsOnly = graph->lineStyle() == QCPGraph::lsNone;
        for (const auto& [left, right] : spans) {
            const double a = graph->keyAxis()->pixelToCoord(left);
            const double b = graph->keyAxis()->pixelToCoord(right);
            const auto end = graph->data()->findEnd(std::max(a, b));
            lines.emplace_back();
            for (auto it = graph->data()->findBegin(std::min(a, b)); it != end; ++it) {
                if (!std::isfinite(it->key) || !std::isfinite(it->value)) {
                    lines.emplace_back();
                    continue;
                }
                lines.back().push_back(graph->coordsToPixels(it->key, it->value));
                if (pointsOnly)
                    lines.emplace_back();
            }
        }
    }
    return lines;
}

void placeLegend(QCustomPlot& plot) {
    QCPLayoutInset* inset = plot.axisRect()->insetLayout();
    const int index = inset->elements(false).indexOf(plot.legend);
    if (index < 0 || !plot.legend->visible())
        return;
    const Qt::Alignment current = inset->insetAlignment(index);
    const QRectF area = plot.axisRect()->rect();
    const QSizeF legend = plot.legend->outerRect().size();
    const Qt::Alignment best = leastCoveredCorner(
        area, legend, drawnPolylines(plot, cornerSpans(area, legend.width())), current);
    if (best == current)
        return;
    inset->setInsetAlignment(index, best);
    // Called between the layout and the drawing of this replot: lay the inset out again.
    inset->update(QCPLayoutElement::upLayout);
}

} // namespace

Qt::Alignment leastCoveredCorner(const QRectF& area, const QSizeF& legend,
                                 const std::vector<std::vector<QPointF>>& polylines,
                                 Qt::Alignment current) {
    const int coveredHere = coveredSegments(boxAt(area, legend, current), polylines);
    Qt::Alignment best = current;
    int fewest = coveredHere;
    for (const Qt::Alignment corner :
         {Qt::AlignTop | Qt::AlignRight, Qt::AlignTop | Qt::AlignLeft,
          Qt::AlignBottom | Qt::AlignRight, Qt::AlignBottom | Qt::AlignLeft}) {
        if (fewest == 0)
            break;
        if (corner == current)
            continue;
        const int covered = coveredSegments(boxAt(area, legend, corner), polylines);
        if (covered < fewest) {
            best = corner;
            fewest = covered;
        }
    }
    return 2 * fewest <= coveredHere ? best : current;
}

void keepLegendClearOfCurves(QCustomPlot& plot) {
    QObject::connect(&plot, &QCustomPlot::afterLayout, &plot, [&plot] { placeLegend(plot); });
}

} // namespace tb::ui
