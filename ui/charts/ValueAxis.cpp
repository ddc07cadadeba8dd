#include "ui/charts/ValueAxis.h"

#include <algorithm>
#include <qcustomplot.h>

namespace tb::ui {

void fitValueAxis(QCustomPlot& plot) {
    constexpr double kMarginFraction = 0.08;
    bool found = false;
    QCPRange range;
    for (int i = 0; i < plot.graphCount(); ++i) {
        bool ok = false;
        const QCPRange graphRange = plot.graph(i)->getValueRange(ok);
        if (!ok)
            continue;
        range = found ? QCPRange(std::min(range.lower, graphRange.lower),
                                 std::max(range.upper, graphRange.upper))
                      : graphRange;
        found = true;
    }
    if (!found)
        return;
    const double margin = std::max(range.size(), 1e-9) * kMarginFraction;
    plot.yAxis->setRange(range.lower - margin, range.upper + margin);
}

} // namespace tb::ui
