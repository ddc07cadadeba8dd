// One metric (loss, accuracy, ...) of every split in one chart.
#pragma once

#include "ui/charts/EmaCurve.h"
#include "ui/charts/TraceChart.h"

#include <QString>
#include <vector>

namespace tb::ui {

/// Draws `split/metric` for every split the run logged (train/loss and val/loss together).
/// Dense curves (per-step values) get an EMA line over the faint raw line when smoothing is
/// on; sparse ones (per-epoch values) are drawn as points on a line, never smoothed.
class MetricChart : public TraceChart {
    Q_OBJECT
public:
    /// Curves with at least this many points count as dense.
    static constexpr std::size_t kDensePoints = 50;

    MetricChart(const RunTrace& trace, const QString& metric, QWidget* parent = nullptr);

    const QString& metric() const { return m_metric; }

    /// `loss` of `train/loss`; a name without a split is its own metric.
    static QString metricOf(const QString& seriesName);
    /// `train` of `train/loss`; empty without a split.
    static QString splitOf(const QString& seriesName);
    /// The chart title for a metric: `Loss`, `Learning rate`.
    static QString titleOf(const QString& metric);

protected:
    void collectCurves(std::vector<Curve>& out) override;
    void restyle() override;

private:
    struct Line {
        QString series;
        QCPGraph* raw = nullptr;  // the faint unsmoothed line, used only while smoothing
        QCPGraph* main = nullptr; // smoothed, or the raw values when not smoothing
        ExtremaIndex rawIndex;
        EmaCurve ema;
    };

    Line& lineFor(const QString& seriesName);
    void styleLine(Line& line, std::size_t index);

    QString m_metric;
    std::vector<Line> m_lines;
};

} // namespace tb::ui
