#include "ui/charts/MetricChart.h"

#include "ui/charts/PlotStyle.h"
#include "ui/trace/RunTrace.h"

#include <qcustomplot.h>

namespace tb::ui {

MetricChart::MetricChart(const RunTrace& trace, const QString& metric, QWidget* parent)
    : TraceChart(trace, titleOf(metric), parent)
    , m_metric(metric) {
    m_lines.reserve(4);
    m_plot->legend->setVisible(true);
}

QString MetricChart::metricOf(const QString& seriesName) {
    const auto slash = seriesName.indexOf(QLatin1Char('/'));
    return slash < 0 ? seriesName : seriesName.mid(slash + 1);
}

QString MetricChart::splitOf(const QString& seriesName) {
    const auto slash = seriesName.indexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : seriesName.left(slash);
}

QString MetricChart::titleOf(const QString& metric) {
    if (metric == QLatin1String("lr"))
        return tr("Learning rate");
    // Units spelled in names (duration_s, samples_per_s) read as units in titles.
    QString title = metric;
    if (title.endsWith(QLatin1String("_per_s")))
        title = title.chopped(6) + QStringLiteral("/s");
    else if (title.endsWith(QLatin1String("_s")))
        title = title.chopped(2) + QStringLiteral(" (s)");
    title.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!title.isEmpty())
        title[0] = title[0].toUpper();
    return title;
}

void MetricChart::collectCurves(std::vector<Curve>& out) {
    for (const auto& [name, series] : trace().metrics()) {
        if (metricOf(name) != m_metric)
            continue;
        Line& line = lineFor(name);
        const std::vector<double>& x = series.x(xAxisMode());
        const bool dense = series.size() >= kDensePoints;
        const bool smooth = dense && smoothing() > 0.0;
        line.main->setScatterStyle(dense ? QCPScatterStyle()
                                         : QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
        line.raw->setVisible(smooth);
        line.rawIndex.update(series.value.data(), series.size());
        const Curve raw{smooth ? line.raw : line.main, x.data(), series.value.data(), series.size(),
                        &line.rawIndex};
        out.push_back(raw);
        if (smooth) {
            line.ema.update(series.value, smoothing());
            out.push_back(
                {line.main, x.data(), line.ema.values().data(), series.size(), &line.ema.index()});
        } else {
            line.raw->data()->clear();
        }
    }
}

MetricChart::Line& MetricChart::lineFor(const QString& seriesName) {
    for (Line& line : m_lines) {
        if (line.series == seriesName)
            return line;
    }
    Line line;
    line.series = seriesName;
    line.raw = m_plot->addGraph();
    line.raw->removeFromLegend();
    line.raw->setAdaptiveSampling(false);
    line.main = m_plot->addGraph();
    line.main->setAdaptiveSampling(false);
    const QString split = splitOf(seriesName);
    line.main->setName(split.isEmpty() ? seriesName : split);
    m_lines.push_back(std::move(line));
    styleLine(m_lines.back(), m_lines.size() - 1);
    return m_lines.back();
}

void MetricChart::styleLine(Line& line, std::size_t index) {
    const QColor color = seriesColor(splitOf(line.series), static_cast<int>(index), isDarkTheme());
    QColor faint = color;
    faint.setAlphaF(0.25);
    line.raw->setPen(QPen(faint, 1));
    // A faint noisy line looks the same without antialiasing, which halves a dense replot.
    line.raw->setAntialiased(false);
    line.main->setPen(QPen(color, 1.6));
}

void MetricChart::restyle() {
    for (std::size_t i = 0; i < m_lines.size(); ++i)
        styleLine(m_lines[i], i);
}

} // namespace tb::ui
