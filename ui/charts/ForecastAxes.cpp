#include "ui/charts/ForecastAxes.h"

#include "ui/charts/LegendPlacement.h"

#include <qcustomplot.h>

namespace tb::ui {

void useDateAxis(QCustomPlot& plot) {
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeSpec(Qt::UTC);
    ticker->setTickCount(6);
    plot.xAxis->setTicker(ticker);
}

QCPItemRect* addForecastBand(QCustomPlot& plot) {
    auto* band = new QCPItemRect(&plot);
    band->setLayer(QStringLiteral("background"));
    band->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    band->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    band->setPen(Qt::NoPen);
    return band;
}

void showLegendInARow(QCustomPlot& plot) {
    plot.legend->setVisible(true);
    plot.legend->setFillOrder(QCPLegend::foColumnsFirst); // one row: less curve hidden
    plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    keepLegendClearOfCurves(plot);
}

} // namespace tb::ui
