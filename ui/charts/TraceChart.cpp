#include "ui/charts/TraceChart.h"

#include "ui/charts/Downsampler.h"
#include "ui/charts/LegendPlacement.h"
#include "ui/charts/PlotStyle.h"
#include "ui/trace/RunTrace.h"

#include <QEvent>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <qcustomplot.h>

namespace tb::ui {

namespace {

constexpr double kMarginFraction = 0.05;
// Room at both ends of the x axis for a point's marker: the last validation's would be cut in
// half at the very edge.
constexpr int kEndMarginPx = 6;

struct Extent {
    double lower = std::numeric_limits<double>::infinity();
    double upper = -std::numeric_limits<double>::infinity();

    void add(double v) {
        lower = std::min(lower, v);
        upper = std::max(upper, v);
    }
    bool isValid() const { return lower <= upper; }
};

} // namespace

TraceChart::TraceChart(const RunTrace& trace, const QString& title, QWidget* parent)
    : TraceChart(std::vector<const RunTrace*>{&trace}, title, parent) {}

TraceChart::TraceChart(std::vector<const RunTrace*> traces, const QString& title, QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_traces(std::move(traces)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumHeight(220);

    m_plot->plotLayout()->insertRow(0);
    auto* titleElement = new QCPTextElement(m_plot, title, QFont(font().family(), -1, QFont::Bold));
    m_plot->plotLayout()->addElement(0, 0, titleElement);
    m_plot->plotLayout()->setRowSpacing(0);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setPlottingHint(QCP::phCacheLabels, true);
    // Per-segment antialiased strokes of a 1.6 px pen cost ~1 s for 4 x 1M-point curves.
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    m_plot->legend->setVisible(false);
    m_plot->legend->setIconSize(18, 8);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    keepLegendClearOfCurves(*m_plot);
    m_plot->xAxis->setLabel(xAxisLabel(m_xMode));

    m_resampleTimer.setSingleShot(true);
    m_resampleTimer.setInterval(0);
    connect(&m_resampleTimer, &QTimer::timeout, this, &TraceChart::resample);
    connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            &TraceChart::onXRangeChanged);
    connect(m_plot->yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
        if (!m_applyingRange)
            m_following = false;
    });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, &TraceChart::resetView);
    applyPalette();
}

TraceChart::~TraceChart() = default;

void TraceChart::setXAxisMode(XAxisMode mode) {
    if (mode == m_xMode)
        return;
    m_xMode = mode;
    m_plot->xAxis->setLabel(xAxisLabel(mode));
    resetView();
}

void TraceChart::setSmoothing(double weight) {
    m_smoothing = weight;
    refresh();
}

void TraceChart::setLogScale(bool on) {
    if (on) {
        m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    } else {
        m_plot->yAxis->setScaleType(QCPAxis::stLinear);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    }
    m_following = true;
    refresh();
}

void TraceChart::refresh() {
    m_resampleTimer.stop();
    resample();
}

void TraceChart::resetView() {
    m_following = true;
    refresh();
}

void TraceChart::setXRange(double lower, double upper) {
    const QCPRange current = m_plot->xAxis->range();
    if (current.lower == lower && current.upper == upper)
        return;
    m_following = false;
    m_applyingRange = true;
    m_plot->xAxis->setRange(lower, upper);
    m_applyingRange = false;
    refresh();
}

int TraceChart::plottedPointCount() const {
    int count = 0;
    for (int i = 0; i < m_plot->graphCount(); ++i)
        count += m_plot->graph(i)->dataCount();
    return count;
}

void TraceChart::onXRangeChanged() {
    if (m_applyingRange)
        return;
    m_following = false;
    m_resampleTimer.start();
    const QCPRange range = m_plot->xAxis->range();
    Q_EMIT xRangeChangedByUser(range.lower, range.upper);
}

void TraceChart::resample() {
    std::vector<Curve> curves;
    collectCurves(curves);
    // A legend row is clipped to its text's height, and an underscore (`batch_size`) drawn
    // below the font's descent would vanish: new rows get room under the text.
    for (int i = 0; i < m_plot->legend->itemCount(); ++i)
        m_plot->legend->item(i)->setMargins(QMargins(0, 0, 0, 2));
    m_applyingRange = true;
    if (m_following)
        fitXToData(curves);
    const QCPRange visible = m_plot->xAxis->range();
    // The widget's width, not the axis rect's: that is laid out only at the next replot.
    const int columns = std::max(m_plot->width(), 100);
    QVector<QCPGraphData> points;
    for (const Curve& curve : curves) {
        downsampleMinMax(curve.x, curve.y, curve.n, curve.index, visible.lower, visible.upper,
                         columns, m_scratch);
        points.resize(static_cast<int>(m_scratch.size()));
        for (std::size_t i = 0; i < m_scratch.size(); ++i)
            points[static_cast<int>(i)] = QCPGraphData(m_scratch[i].x(), m_scratch[i].y());
        curve.graph->data()->set(points, true);
    }
    if (m_following)
        fitValueAxes();
    m_applyingRange = false;
    updateEpochMarks();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TraceChart::fitXToData(const std::vector<Curve>& curves) {
    // Every chart of a run follows the same range, the run's (or the union of the compared
    // runs'), so that they line up even when one holds a single validation point.
    Extent x;
    for (const RunTrace* trace : m_traces) {
        double lower = 0;
        double upper = 0;
        if (trace->xExtent(m_xMode, lower, upper)) {
            x.add(lower);
            x.add(upper);
        }
    }
    if (!x.isValid()) {
        for (const Curve& curve : curves) {
            if (curve.n == 0)
                continue;
            x.add(curve.x[0]);
            x.add(curve.x[curve.n - 1]);
        }
    }
    if (!x.isValid())
        m_plot->xAxis->setRange(0, 1);
    else if (x.upper - x.lower <= 0)
        m_plot->xAxis->setRange(x.lower - 0.5, x.upper + 0.5);
    else {
        const int widthPx = std::max(m_plot->axisRect()->width(), 100);
        const double margin = (x.upper - x.lower) * kEndMarginPx / widthPx;
        m_plot->xAxis->setRange(x.lower - margin, x.upper + margin);
    }
}

void TraceChart::fitValueAxes() {
    std::map<QCPAxis*, Extent> extents;
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        QCPGraph* graph = m_plot->graph(i);
        if (!graph->visible())
            continue;
        QCPAxis* axis = graph->valueAxis();
        Extent& extent = extents[axis];
        const bool logScale = axis->scaleType() == QCPAxis::stLogarithmic;
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
            if (std::isfinite(it->value) && (!logScale || it->value > 0))
                extent.add(it->value);
        }
    }
    for (auto& [axis, extent] : extents) {
        if (extent.isValid())
            fitValueAxis(*axis, extent.lower, extent.upper);
    }
}

void TraceChart::fitValueAxis(QCPAxis& axis, double lower, double upper) {
    if (axis.scaleType() == QCPAxis::stLogarithmic) {
        axis.setRange(lower / 1.15, upper * 1.15);
        return;
    }
    // A constant curve (a fixed learning rate, stored in single precision) gets a band
    // around its value, whatever its magnitude, instead of rounding noise blown up.
    const double magnitude = std::max(std::abs(lower), std::abs(upper));
    const double span = upper - lower;
    const bool constant = span <= magnitude * 1e-6;
    const double margin =
        !constant ? span * kMarginFraction : (magnitude > 0 ? magnitude * 0.1 : 1.0);
    axis.setRange(lower - margin, upper + margin);
}

void TraceChart::updateEpochMarks() {
    static const std::vector<EpochMark> kNone;
    const auto& marks = m_traces.size() == 1 ? m_traces.front()->epochMarks() : kNone;
    if (m_epochLines.size() == marks.size() && m_epochLinesMode == m_xMode)
        return;
    for (QCPItemStraightLine* line : m_epochLines)
        m_plot->removeItem(line);
    m_epochLines.clear();
    m_epochLinesMode = m_xMode;
    QColor color = palette().color(QPalette::WindowText);
    color.setAlphaF(0.3);
    for (const EpochMark& mark : marks) {
        auto* line = new QCPItemStraightLine(m_plot);
        line->setLayer(QStringLiteral("grid"));
        line->setPen(QPen(color, 1, Qt::DashLine));
        line->setSelectable(false);
        line->point1->setCoords(mark.x(m_xMode), 0);
        line->point2->setCoords(mark.x(m_xMode), 1);
        m_epochLines.push_back(line);
    }
}

void TraceChart::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    m_resampleTimer.start();
}

bool TraceChart::isDarkTheme() const {
    return isDark(palette());
}

void TraceChart::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void TraceChart::applyPalette() {
    applyPlotPalette(*m_plot, palette());
    for (QCPItemStraightLine* line : m_epochLines)
        m_plot->removeItem(line);
    m_epochLines.clear();
    updateEpochMarks();
    restyle();
}

} // namespace tb::ui
