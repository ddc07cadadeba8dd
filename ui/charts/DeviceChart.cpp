#include "ui/charts/DeviceChart.h"

#include "ui/charts/PlotStyle.h"
#include "ui/trace/RunTrace.h"

#include <cmath>
#include <qcustomplot.h>

namespace tb::ui {

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
constexpr double kMiB = 1024.0 * 1024.0;

bool hasFiniteValue(const std::vector<double>& values) {
    for (double v : values) {
        if (std::isfinite(v))
            return true;
    }
    return false;
}

void scaleInto(const std::vector<double>& bytes, double unit, std::vector<double>& out) {
    out.resize(bytes.size());
    for (std::size_t i = 0; i < bytes.size(); ++i)
        out[i] = bytes[i] / unit;
}

} // namespace

DeviceChart::DeviceChart(const RunTrace& trace, QWidget* parent)
    : TraceChart(trace, tr("Device memory and utilization"), parent) {
    m_lines.reserve(4);
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setLabel(tr("Utilization (%)"));
    m_plot->yAxis2->setRange(0, 100);
    m_plot->axisRect()->setRangeZoomAxes(m_plot->xAxis, m_plot->yAxis);
    m_plot->axisRect()->setRangeDragAxes(m_plot->xAxis, m_plot->yAxis);
    m_plot->legend->setVisible(true);
    applyPlotPalette(*m_plot, palette());
}

QString DeviceChart::memoryKind(const QString& deviceId) {
    if (deviceId.startsWith(QLatin1String("cuda")))
        return QStringLiteral("VRAM");
    if (deviceId.startsWith(QLatin1String("npu")))
        return QStringLiteral("HBM");
    return QStringLiteral("RAM");
}

double DeviceChart::memoryUnitBytes() const {
    double largest = 0.0;
    for (const auto& [name, series] : trace().devices()) {
        for (double v : series.memoryUsedBytes) {
            if (std::isfinite(v))
                largest = std::max(largest, v);
        }
    }
    return largest >= kGiB ? kGiB : kMiB;
}

void DeviceChart::collectCurves(std::vector<Curve>& out) {
    const double unit = memoryUnitBytes();
    m_plot->yAxis->setLabel(unit == kGiB ? tr("Memory (GiB)") : tr("Memory (MiB)"));
    for (const auto& [device, series] : trace().devices()) {
        DeviceLines& lines = linesFor(device);
        lines.x.resize(series.size());
        for (std::size_t i = 0; i < series.size(); ++i)
            lines.x[i] = trace().xAtWallTime(series.wallS[i], xAxisMode());
        scaleInto(series.memoryUsedBytes, unit, lines.usedScaled);
        scaleInto(series.allocatedBytes, unit, lines.allocatedScaled);
        const std::size_t n = series.size();
        out.push_back({lines.used, lines.x.data(), lines.usedScaled.data(), n});
        lines.allocated->setVisible(hasFiniteValue(series.allocatedBytes));
        if (lines.allocated->visible())
            out.push_back({lines.allocated, lines.x.data(), lines.allocatedScaled.data(), n});
        out.push_back({lines.utilization, lines.x.data(), series.utilizationPct.data(), n});
    }
}

void DeviceChart::fitValueAxis(QCPAxis& axis, double lower, double upper) {
    if (&axis == m_plot->yAxis2) {
        axis.setRange(0, std::max(100.0, upper * 1.05));
        return;
    }
    axis.setRange(0, upper > 0 ? upper * 1.1 : 1.0);
}

DeviceChart::DeviceLines& DeviceChart::linesFor(const QString& device) {
    for (DeviceLines& lines : m_lines) {
        if (lines.device == device)
            return lines;
    }
    DeviceLines lines;
    lines.device = device;
    const QString prefix = trace().devices().size() > 1 ? device + QLatin1Char(' ') : QString();
    lines.used = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
    lines.used->setName(prefix + tr("%1 used").arg(memoryKind(device)));
    lines.allocated = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
    lines.allocated->setName(prefix + tr("allocated"));
    lines.utilization = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    lines.utilization->setName(prefix + tr("utilization"));
    for (QCPGraph* g : {lines.used, lines.allocated, lines.utilization})
        g->setAdaptiveSampling(false);
    m_lines.push_back(std::move(lines));
    styleLines(m_lines.back(), m_lines.size() - 1);
    return m_lines.back();
}

void DeviceChart::styleLines(DeviceLines& lines, std::size_t index) {
    const bool dark = isDarkTheme();
    const int slot = static_cast<int>(index) * 2;
    const QColor memory = seriesColor(QString(), slot, dark);
    const QColor utilization = seriesColor(QString(), slot + 4, dark);
    lines.used->setPen(QPen(memory, 1.6));
    QColor fill = memory;
    fill.setAlphaF(0.12);
    lines.used->setBrush(fill);
    lines.allocated->setPen(QPen(memory, 1.2, Qt::DashLine));
    lines.utilization->setPen(QPen(utilization, 1.2));
}

void DeviceChart::restyle() {
    for (std::size_t i = 0; i < m_lines.size(); ++i)
        styleLines(m_lines[i], i);
}

} // namespace tb::ui
