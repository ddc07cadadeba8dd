// One metric (loss, accuracy, ...) of every split of a run, or of one split of several runs.
#pragma once

#include "ui/charts/EmaCurve.h"
#include "ui/charts/TraceChart.h"

#include <QColor>
#include <QString>
#include <QStringList>
#include <algorithm>
#include <deque>
#include <vector>

namespace tb::ui {

struct MetricSeries;

/// Draws `split/metric` for every split the run logged (train/loss and val/loss together), or,
/// given several runs and a split, that split's curve of each run in the run's colour (named
/// by the panel's RunLegend, not a legend of the chart's own). Dense
/// curves (per-step values) get an EMA line over the faint raw line when smoothing is
/// on; sparse ones (per-epoch values) are drawn as points on a line, never smoothed.
class MetricChart : public TraceChart {
    Q_OBJECT
public:
    /// Curves with at least this many points count as dense.
    static constexpr std::size_t kDensePoints = 50;

    MetricChart(const RunTrace& trace, const QString& metric, QWidget* parent = nullptr);
    /// `split/metric` of every run of `traces` (not owned); an empty split draws every split.
    MetricChart(std::vector<const RunTrace*> traces, const QString& metric, const QString& split,
                QWidget* parent = nullptr);

    const QString& metricName() const { return m_metric; }
    /// The split this chart is restricted to; empty when it draws every split.
    const QString& split() const { return m_split; }

    /// `loss` of `train/loss`; a name without a split is its own metric.
    static QString metricOf(const QString& seriesName);
    /// `train` of `train/loss`; empty without a split.
    static QString splitOf(const QString& seriesName);
    /// The names of its lines, in drawing order: splits (`train`, `val`) as its legend lists
    /// them, or, when several runs are compared, the runs' labels as the RunLegend lists them.
    QStringList legendNames() const;
    /// The colour of the line the legend calls `name`; invalid when there is none.
    QColor lineColor(const QString& name) const;

    /// The chart title for a metric: `Loss`, `Learning rate`, `MSE`, `Macro F1`.
    static QString titleOf(const QString& metric);
    /// Where a metric comes among others: loss first, learning rate last, everything else
    /// alphabetically in between (ties of rank go by name).
    static int rankOf(const QString& metric);

    /// Shows or hides the lines of run `run` (an index into the traces); the value axis fits
    /// the runs shown.
    void setRunShown(std::size_t run, bool shown);

protected:
    void collectCurves(std::vector<Curve>& out) override;
    void restyle() override;

private:
    struct Line {
        std::size_t run = 0; ///< index into traces()
        QString series;
        QCPGraph* raw = nullptr;  // the faint unsmoothed line, used only while smoothing
        QCPGraph* main = nullptr; // smoothed, or the raw values when not smoothing
        ExtremaIndex rawIndex;
        EmaCurve ema;
    };

    Line& lineFor(std::size_t run, const QString& seriesName);
    void addCurves(Line& line, const MetricSeries& series, std::vector<Curve>& out);
    void styleLine(Line& line, std::size_t index);
    bool comparing() const { return traces().size() > 1; }
    bool isRunShown(std::size_t run) const;

    QString m_metric;
    QString m_split;
    std::vector<std::size_t> m_hiddenRuns;
    // A deque: the curves handed to TraceChart point into lines that later lines must not move.
    std::deque<Line> m_lines;
};

} // namespace tb::ui
