#include "ui/charts/MetricChart.h"

#include "ui/charts/PlotStyle.h"
#include "ui/trace/RunLabels.h"
#include "ui/trace/RunTrace.h"

#include <qcustomplot.h>

namespace tb::ui {

MetricChart::MetricChart(const RunTrace& trace, const QString& metric, QWidget* parent)
    : MetricChart(std::vector<const RunTrace*>{&trace}, metric, QString(), parent) {}

MetricChart::MetricChart(std::vector<const RunTrace*> traces, const QString& metric,
                         const QString& split, QWidget* parent)
    : TraceChart(std::move(traces),
                 split.isEmpty() ? titleOf(metric) : tr("%1 \u00b7 %2").arg(titleOf(metric), split),
                 parent)
    , m_metric(metric)
    , m_split(split) {
    m_plot->legend->setVisible(!comparing());
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
    // Error measures and scores are acronyms: MSE and Macro F1, not Mse and Macro f1.
    static const QStringList kAcronyms{"mse", "mae", "rmse", "mape", "mspe", "f1"};
    QStringList words = title.split(QLatin1Char('_'));
    for (QString& word : words)
        if (kAcronyms.contains(word))
            word = word.toUpper();
    title = words.join(QLatin1Char(' '));
    if (!title.isEmpty())
        title[0] = title[0].toUpper();
    return title;
}

int MetricChart::rankOf(const QString& metric) {
    if (metric == QLatin1String("loss"))
        return 0;
    if (metric == QLatin1String("accuracy"))
        return 1;
    if (metric == QLatin1String("lr"))
        return 3;
    return 2;
}

QStringList MetricChart::legendNames() const {
    QStringList names;
    for (const Line& line : m_lines)
        names << line.main->name();
    return names;
}

QColor MetricChart::lineColor(const QString& name) const {
    for (const Line& line : m_lines) {
        if (line.main->name() == name)
            return line.main->pen().color();
    }
    return {};
}

void MetricChart::setRunShown(std::size_t run, bool shown) {
    if (shown == isRunShown(run))
        return;
    if (shown)
        m_hiddenRuns.erase(std::find(m_hiddenRuns.begin(), m_hiddenRuns.end(), run));
    else
        m_hiddenRuns.push_back(run);
    resetView();
}

bool MetricChart::isRunShown(std::size_t run) const {
    return std::find(m_hiddenRuns.begin(), m_hiddenRuns.end(), run) == m_hiddenRuns.end();
}

void MetricChart::collectCurves(std::vector<Curve>& out) {
    for (std::size_t run = 0; run < traces().size(); ++run) {
        for (const auto& [name, series] : traces()[run]->metrics()) {
            if (metricOf(name) != m_metric || (!m_split.isEmpty() && splitOf(name) != m_split))
                continue;
            Line& line = lineFor(run, name);
            const bool shown = isRunShown(run);
            line.main->setVisible(shown);
            if (shown) {
                addCurves(line, series, out);
            } else {
                line.raw->setVisible(false);
                line.main->data()->clear();
                line.raw->data()->clear();
            }
        }
    }
}

void MetricChart::addCurves(Line& line, const MetricSeries& series, std::vector<Curve>& out) {
    const std::vector<double>& x = series.x(xAxisMode());
    const bool dense = series.size() >= kDensePoints;
    const bool smooth = dense && smoothing() > 0.0;
    line.main->setScatterStyle(dense ? QCPScatterStyle()
                                     : QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    line.raw->setVisible(smooth);
    line.rawIndex.update(series.value.data(), series.size());
    out.push_back({smooth ? line.raw : line.main, x.data(), series.value.data(), series.size(),
                   &line.rawIndex});
    if (smooth) {
        line.ema.update(series.value, smoothing());
        out.push_back(
            {line.main, x.data(), line.ema.values().data(), series.size(), &line.ema.index()});
    } else {
        line.raw->data()->clear();
    }
}

MetricChart::Line& MetricChart::lineFor(std::size_t run, const QString& seriesName) {
    for (Line& line : m_lines) {
        if (line.run == run && line.series == seriesName)
            return line;
    }
    Line line;
    line.run = run;
    line.series = seriesName;
    line.raw = m_plot->addGraph();
    line.raw->removeFromLegend();
    line.raw->setAdaptiveSampling(false);
    line.main = m_plot->addGraph();
    line.main->setAdaptiveSampling(false);
    const QString split = splitOf(seriesName);
    if (comparing()) {
        const QString label = runLabels(traces())[static_cast<int>(run)];
        line.main->setName(m_split.isEmpty() && !split.isEmpty() ? label + QLatin1Char(' ') + split
                                                                 : label);
    } else {
        line.main->setName(split.isEmpty() ? seriesName : split);
    }
    m_lines.push_back(std::move(line));
    styleLine(m_lines.back(), m_lines.size() - 1);
    return m_lines.back();
}

void MetricChart::styleLine(Line& line, std::size_t index) {
    const QColor color =
        comparing() ? runColor(static_cast<int>(line.run), isDarkTheme())
                    : seriesColor(splitOf(line.series), static_cast<int>(index), isDarkTheme());
    QColor faint = color;
    faint.setAlphaF(0.25);
    line.raw->setPen(QPen(faint, 1));
    // A faint noisy line looks the same without antialiasing, which halves a dense replot.
    line.raw->setAntialiased(false);
    line.main->setPen(
        QPen(color, 1.6, comparing() ? runLineStyle(static_cast<int>(line.run)) : Qt::SolidLine));
}

void MetricChart::restyle() {
    for (std::size_t i = 0; i < m_lines.size(); ++i)
        styleLine(m_lines[i], i);
}

} // namespace tb::ui
