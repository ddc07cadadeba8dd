#include "ui/charts/PlotStyle.h"

#include <QIcon>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <algorithm>
#include <array>
#include <qcustomplot.h>

namespace tb::ui {

namespace {

void styleAxis(QCPAxis& axis, const QPalette& palette) {
    const QColor text = palette.color(QPalette::WindowText);
    QColor faint = text;
    faint.setAlphaF(0.35);
    QColor grid = text;
    grid.setAlphaF(0.12);
    axis.setBasePen(QPen(faint, 1));
    axis.setTickPen(QPen(faint, 1));
    axis.setSubTickPen(QPen(faint, 1));
    axis.setTickLabelColor(text);
    axis.setLabelColor(text);
    axis.grid()->setPen(QPen(grid, 1, Qt::SolidLine));
    axis.grid()->setSubGridPen(Qt::NoPen);
    axis.grid()->setZeroLinePen(Qt::NoPen);
}

// Tableau 10: distinct for colour-blind readers, familiar from matplotlib. Grey comes last: it
// is the colour nearest the axes and the faint raw lines.
const std::array<QColor, 10> kCycle{QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                                    QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
                                    QColor(0xd6, 0x27, 0x28), QColor(0x8c, 0x56, 0x4b),
                                    QColor(0xe3, 0x77, 0xc2), QColor(0x17, 0xbe, 0xcf),
                                    QColor(0xbc, 0xbd, 0x22), QColor(0x7f, 0x7f, 0x7f)};

QColor cycleColor(int slot, bool darkBackground) {
    QColor color = kCycle[static_cast<std::size_t>(slot) % kCycle.size()];
    return darkBackground ? color.lighter(135) : color;
}

} // namespace

bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}

void applyPlotPalette(QCustomPlot& plot, const QPalette& palette) {
    plot.setBackground(palette.brush(QPalette::Base));
    for (QCPAxisRect* rect : plot.axisRects()) {
        for (QCPAxis* axis : rect->axes())
            styleAxis(*axis, palette);
    }
    // Mostly opaque: a curve that runs under the legend must not strike through its text.
    QColor legendBackground = palette.color(QPalette::Base);
    legendBackground.setAlpha(215);
    plot.legend->setBrush(legendBackground);
    plot.legend->setBorderPen(Qt::NoPen);
    plot.legend->setTextColor(palette.color(QPalette::WindowText));
    for (int i = 0; i < plot.plotLayout()->elementCount(); ++i) {
        if (auto* title = qobject_cast<QCPTextElement*>(plot.plotLayout()->elementAt(i)))
            title->setTextColor(palette.color(QPalette::WindowText));
    }
}

QColor seriesColor(const QString& split, int index, bool darkBackground) {
    int slot = index;
    if (split == QLatin1String("train"))
        slot = 0;
    else if (split == QLatin1String("val"))
        slot = 1;
    else if (split == QLatin1String("test"))
        slot = 2;
    else
        slot = 3 + index % 5;
    return cycleColor(slot, darkBackground);
}

QColor runColor(int index, bool darkBackground) {
    return cycleColor(index, darkBackground);
}

Qt::PenStyle runLineStyle(int index) {
    switch (index / static_cast<int>(kCycle.size())) {
    case 0:
        return Qt::SolidLine;
    case 1:
        return Qt::DashLine;
    case 2:
        return Qt::DotLine;
    default:
        return Qt::DashDotLine;
    }
}

QIcon runSwatch(int index, bool darkBackground, int height) {
    QPixmap pixmap(2 * height, height);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QPen pen(runColor(index, darkBackground), std::max(2.0, height / 4.0), runLineStyle(index),
             Qt::FlatCap);
    painter.setPen(pen);
    painter.drawLine(QPointF(0, height / 2.0), QPointF(pixmap.width(), height / 2.0));
    return QIcon(pixmap);
}

QString dateFormatForSpan(double spanS) {
    constexpr double kSecondsPerDay = 86400;
    const double spanDays = spanS / kSecondsPerDay;
    if (spanDays > 3 * 365)
        return QStringLiteral("yyyy-MM");
    if (spanDays > 4)
        return QStringLiteral("yyyy-MM-dd");
    return QStringLiteral("MM-dd hh:mm");
}

} // namespace tb::ui
