#include "ui/dataset/CsvColumnPlot.h"

#include "ui/charts/Downsampler.h"
#include "ui/charts/PlotStyle.h"
#include "ui/dataset/CsvCellFormat.h"
#include "ui/dataset/CsvDataset.h"

#include <QEvent>
#include <QLocale>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace tb::ui {

namespace {

constexpr double kMarginFraction = 0.05;
constexpr int kMissingTickPx = 9;

QColor regionColor(const CsvSplitRegion& region, const QPalette& palette) {
    if (region.split == QLatin1String("unused"))
        return palette.color(QPalette::WindowText);
    return seriesColor(region.split, 0, isDark(palette));
}

QBrush regionBrush(const CsvSplitRegion& region, const QPalette& palette) {
    QColor color = regionColor(region, palette);
    const bool dark = isDark(palette);
    if (region.lookBack) {
        color.setAlphaF(dark ? 0.55 : 0.45);
        return QBrush(color, Qt::BDiagPattern);
    }
    const bool unused = region.split == QLatin1String("unused");
    color.setAlphaF(unused ? (dark ? 0.06 : 0.05) : (dark ? 0.16 : 0.12));
    return color;
}

} // namespace

CsvColumnPlot::CsvColumnPlot(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_dateTicker(QSharedPointer<QCPAxisTickerDateTime>::create()) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumHeight(160);

    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->setPlottingHint(QCP::phCacheLabels, true);
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    // The file's dates carry no time zone; UTC shows them as written, with no DST jumps.
    m_dateTicker->setDateTimeSpec(Qt::UTC);
    m_dateTicker->setTickCount(6);
    m_plot->xAxis->setTicker(m_dateTicker);

    m_curve = m_plot->addGraph();
    m_curve->setAdaptiveSampling(false);
    m_curve->removeFromLegend();
    // The missing-cell ticks stand on the bottom edge whatever the values' range.
    m_plot->yAxis2->setRange(0, 1);
    m_missingTicks = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    m_missingTicks->setLineStyle(QCPGraph::lsNone);
    m_missingTicks->setAdaptiveSampling(false);
    // The regions are named in place and counted in the split bar below.
    m_plot->legend->setVisible(false);

    m_resampleTimer.setSingleShot(true);
    m_resampleTimer.setInterval(0);
    connect(&m_resampleTimer, &QTimer::timeout, this, &CsvColumnPlot::resample);
    connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
        if (m_applyingRange)
            return;
        keepXRangeOnData();
        m_resampleTimer.start();
    });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, &CsvColumnPlot::resetView);
    connect(m_plot, &QCustomPlot::mouseMove, this, &CsvColumnPlot::showValueAt);
    restyle();
}

CsvColumnPlot::~CsvColumnPlot() = default;

void CsvColumnPlot::setColumn(std::shared_ptr<const CsvDataset> dataset, int column) {
    // Another column of the same file keeps the period the user zoomed into.
    const bool sameRows = dataset && dataset == m_dataset;
    m_dataset = std::move(dataset);
    const bool valid =
        m_dataset && column >= 0 && column < static_cast<int>(m_dataset->table.columns.size());
    m_column = valid ? column : -1;
    m_values =
        valid ? m_dataset->columnValues(static_cast<std::size_t>(column)) : std::vector<double>{};
    m_index.clear();
    m_index.update(m_values.data(), m_values.size());
    m_missingRows.clear();
    for (std::size_t row = 0; row < m_values.size(); ++row) {
        if (!std::isfinite(m_values[row]))
            m_missingRows.push_back(row);
    }
    m_plot->yAxis->setLabel(columnName());
    if (sameRows) {
        resample();
        return;
    }
    // The regions were rows of the file shown before.
    m_regions.clear();
    placeRegions();
    resetView();
}

void CsvColumnPlot::setRegions(std::vector<CsvSplitRegion> regions) {
    m_regions = std::move(regions);
    placeRegions();
    resample();
}

void CsvColumnPlot::resetView() {
    m_applyingRange = true;
    if (m_dataset && !m_dataset->timeS.empty())
        m_plot->xAxis->setRange(m_dataset->timeS.front(), edgeTime(m_dataset->table.rows()));
    else
        m_plot->xAxis->setRange(0, 1);
    m_applyingRange = false;
    resample();
}

QString CsvColumnPlot::columnName() const {
    return m_column < 0 ? QString()
                        : QString::fromStdString(
                              m_dataset->table.columns[static_cast<std::size_t>(m_column)]);
}

void CsvColumnPlot::resample() {
    m_resampleTimer.stop();
    const QCPRange visible = m_plot->xAxis->range();
    // The widget's width, not the axis rect's: that is laid out only at the next replot.
    const int columns = std::max(m_plot->width(), 100);
    if (m_column >= 0) {
        downsampleMinMax(m_dataset->timeS.data(), m_values.data(), m_values.size(), &m_index,
                         visible.lower, visible.upper, columns, m_scratch);
    } else {
        m_scratch.clear();
    }
    QVector<QCPGraphData> points(static_cast<int>(m_scratch.size()));
    for (std::size_t i = 0; i < m_scratch.size(); ++i)
        points[static_cast<int>(i)] = QCPGraphData(m_scratch[i].x(), m_scratch[i].y());
    m_curve->data()->set(points, true);
    plotMissingTicks(visible.lower, visible.upper, columns);
    fitValueAxis();
    updateDateFormat();
    updateRegionLabels();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void CsvColumnPlot::plotMissingTicks(double lower, double upper, int columns) {
    // One tick per pixel column that holds a missing cell, however many it holds.
    QVector<QCPGraphData> ticks;
    const double columnWidth = (upper - lower) / columns;
    qint64 lastColumn = -1;
    for (std::size_t row : m_missingRows) {
        const double x = m_dataset->timeS[row];
        if (x < lower || x > upper)
            continue;
        const auto pixelColumn = static_cast<qint64>((x - lower) / columnWidth);
        if (pixelColumn == lastColumn)
            continue;
        lastColumn = pixelColumn;
        ticks.push_back(QCPGraphData(x, 0.0));
    }
    m_missingTicks->data()->set(ticks, true);
}

void CsvColumnPlot::fitValueAxis() {
    double lower = std::numeric_limits<double>::infinity();
    double upper = -lower;
    for (const QPointF& point : m_scratch) {
        lower = std::min(lower, point.y());
        upper = std::max(upper, point.y());
    }
    if (!(lower <= upper)) {
        m_plot->yAxis->setRange(0, 1);
        return;
    }
    const double magnitude = std::max(std::abs(lower), std::abs(upper));
    const double span = upper - lower;
    const bool constant = span <= magnitude * 1e-9;
    const double margin =
        !constant ? span * kMarginFraction : (magnitude > 0 ? magnitude * 0.1 : 1.0);
    const double bottom = lower - margin;
    double top = upper + margin;
    if (!m_regions.empty()) {
        // Headroom for the region labels along the top, so that they never hide a peak:
        // the highest value sits `band` pixels below the top edge.
        const int heightPx =
            m_plot->axisRect()->height() > 0 ? m_plot->axisRect()->height() : m_plot->height();
        const double band = std::min(0.4, (fontMetrics().height() + 6.0) / std::max(heightPx, 1));
        top = std::max(top, (upper - band * bottom) / (1.0 - band));
    }
    m_plot->yAxis->setRange(bottom, top);
}

void CsvColumnPlot::keepXRangeOnData() {
    if (!m_dataset || m_dataset->timeS.empty())
        return;
    const double first = m_dataset->timeS.front();
    const double last = edgeTime(m_dataset->table.rows());
    QCPRange range = m_plot->xAxis->range();
    if (range.size() >= last - first)
        range = QCPRange(first, last);
    else if (range.lower < first)
        range += first - range.lower;
    else if (range.upper > last)
        range -= range.upper - last;
    m_applyingRange = true;
    m_plot->xAxis->setRange(range);
    m_applyingRange = false;
}

void CsvColumnPlot::placeRegions() {
    for (QCPItemRect* rect : m_regionRects)
        m_plot->removeItem(rect);
    for (QCPItemText* label : m_regionLabels) {
        if (label)
            m_plot->removeItem(label);
    }
    m_regionRects.clear();
    m_regionLabels.clear();
    if (!m_dataset || m_dataset->timeS.empty())
        return;
    QFont labelFont = font();
    labelFont.setPointSizeF(labelFont.pointSizeF() * 0.85);
    labelFont.setBold(true);
    for (const CsvSplitRegion& region : m_regions) {
        auto* rect = new QCPItemRect(m_plot);
        // Behind the grid and the curve.
        rect->setLayer(QStringLiteral("background"));
        rect->setSelectable(false);
        rect->setPen(Qt::NoPen);
        rect->setBrush(regionBrush(region, palette()));
        for (QCPItemPosition* corner : {rect->topLeft, rect->bottomRight}) {
            corner->setTypeX(QCPItemPosition::ptPlotCoords);
            corner->setTypeY(QCPItemPosition::ptAxisRectRatio);
        }
        rect->topLeft->setCoords(edgeTime(region.beginRow), 0);
        rect->bottomRight->setCoords(edgeTime(region.endRow), 1);
        m_regionRects.push_back(rect);

        QCPItemText* label = nullptr;
        if (!region.lookBack) {
            label = new QCPItemText(m_plot);
            label->setSelectable(false);
            label->position->setTypeX(QCPItemPosition::ptPlotCoords);
            label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
            label->setPositionAlignment(Qt::AlignTop | Qt::AlignLeft);
            label->setPadding(QMargins(5, 3, 5, 3));
            label->setFont(labelFont);
            QColor color = regionColor(region, palette());
            color = isDark(palette()) ? color : color.darker(125);
            if (region.split == QLatin1String("unused"))
                color.setAlphaF(0.6);
            label->setColor(color);
            label->setText(region.label);
        }
        m_regionLabels.push_back(label);
    }
}

void CsvColumnPlot::updateRegionLabels() {
    const QCPRange visible = m_plot->xAxis->range();
    const QFontMetrics metrics(font());
    for (std::size_t i = 0; i < m_regionLabels.size(); ++i) {
        QCPItemText* label = m_regionLabels[i];
        if (!label)
            continue;
        // Pinned to the visible part of the region, and hidden where it would not fit.
        const double begin = std::max(edgeTime(m_regions[i].beginRow), visible.lower);
        const double end = std::min(edgeTime(m_regions[i].endRow), visible.upper);
        label->position->setCoords(begin, 0);
        const double widthPx =
            m_plot->xAxis->coordToPixel(end) - m_plot->xAxis->coordToPixel(begin);
        label->setVisible(widthPx > metrics.horizontalAdvance(label->text()) + 12);
    }
}

void CsvColumnPlot::updateDateFormat() {
    m_dateTicker->setDateTimeFormat(dateFormatForSpan(m_plot->xAxis->range().size()));
}

void CsvColumnPlot::restyle() {
    applyPlotPalette(*m_plot, palette());
    QColor line = palette().color(QPalette::WindowText);
    line.setAlphaF(0.85);
    m_curve->setPen(QPen(line, 1.2));
    QPainterPath tick;
    tick.moveTo(0, 0);
    tick.lineTo(0, -6);
    m_missingTicks->setScatterStyle(
        QCPScatterStyle(tick, QPen(missingTextColor(), 1.6), Qt::NoBrush, kMissingTickPx));
    placeRegions();
}

void CsvColumnPlot::showValueAt(QMouseEvent* event) {
    if (m_column < 0 || !m_plot->axisRect()->rect().contains(event->pos())) {
        QToolTip::hideText();
        return;
    }
    const std::vector<double>& time = m_dataset->timeS;
    const double x = m_plot->xAxis->pixelToCoord(event->pos().x());
    auto it = std::lower_bound(time.begin(), time.end(), x);
    if (it == time.end() || (it != time.begin() && x - *(it - 1) < *it - x))
        --it;
    const auto row = static_cast<qint64>(it - time.begin());
    QString split;
    for (const CsvSplitRegion& region : m_regions) {
        if (!region.lookBack && row >= region.beginRow && row < region.endRow)
            split = region.label;
    }
    QString text = tr("%1\n%2: %3\nrow %4")
                       .arg(QString::fromStdString(
                                m_dataset->table.dates[static_cast<std::size_t>(row)].toString()),
                            columnName(), formatCsvValue(m_values[static_cast<std::size_t>(row)]),
                            QLocale().toString(row));
    if (!split.isEmpty())
        text += QStringLiteral(" \u00b7 ") + split;
    QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

double CsvColumnPlot::edgeTime(qint64 row) const {
    const std::vector<double>& time = m_dataset->timeS;
    if (row < static_cast<qint64>(time.size()))
        return time[static_cast<std::size_t>(std::max<qint64>(row, 0))];
    // The end of the last row: one usual step after it.
    const std::size_t last = time.size() - 1;
    const double step = last > 0 ? time[last] - time[last - 1] : 1.0;
    return time[last] + step;
}

void CsvColumnPlot::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        restyle();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void CsvColumnPlot::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    m_resampleTimer.start();
}

} // namespace tb::ui
