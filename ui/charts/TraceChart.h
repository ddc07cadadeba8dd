// A QCustomPlot of curves from a RunTrace, downsampled to the pixels it shows.
#pragma once

#include "ui/trace/XAxisMode.h"

#include <QPointF>
#include <QTimer>
#include <QWidget>
#include <cstddef>
#include <vector>

class QCPAxis;
class QCPGraph;
class QCPItemStraightLine;
class QCustomPlot;

namespace tb::ui {

class ExtremaIndex;
class RunTrace;

/// The shared machinery of the metric and device charts, over one run or several runs drawn
/// together (a comparison: no epoch lines then, as the runs' epochs need not line up). Until the
/// user zooms or pans it follows the data (whole x range, y fitted); afterwards it keeps the user's
/// view until resetView() (double-click). Every redraw downsamples each curve to min/max per pixel
/// column of the visible range (downsampleMinMax) before QCustomPlot sees it, so a million
/// points per curve redraw in milliseconds, and zooming in reveals the full detail.
class TraceChart : public QWidget {
    Q_OBJECT
public:
    TraceChart(const RunTrace& trace, const QString& title, QWidget* parent = nullptr);
    /// `traces` (not owned, at least one) must outlive the chart.
    TraceChart(std::vector<const RunTrace*> traces, const QString& title,
               QWidget* parent = nullptr);
    ~TraceChart() override;

    void setXAxisMode(XAxisMode mode);
    void setSmoothing(double weight);
    void setLogScale(bool on);
    /// Picks up new points, downsamples and schedules one replot.
    void refresh();
    /// Shows all data again and follows new points.
    void resetView();
    /// Shows [lower, upper] (a zoom linked from another chart) and stops following.
    void setXRange(double lower, double upper);
    bool isFollowing() const { return m_following; }
    /// Points handed to QCustomPlot over all graphs (after downsampling).
    int plottedPointCount() const;
    QCustomPlot* plot() const { return m_plot; }

Q_SIGNALS:
    void xRangeChangedByUser(double lower, double upper);

protected:
    /// One array pair to draw into `graph`; the pointers stay valid until the next
    /// collectCurves() call.
    struct Curve {
        QCPGraph* graph = nullptr;
        const double* x = nullptr;
        const double* y = nullptr;
        std::size_t n = 0;
        const ExtremaIndex* index = nullptr; // up to date with y, or null
    };
    /// Creates graphs for new data and lists what to draw now.
    virtual void collectCurves(std::vector<Curve>& out) = 0;
    /// Sets `axis` to show values in [lower, upper] (the visible data's extent); the
    /// default adds a margin and respects a logarithmic scale.
    virtual void fitValueAxis(QCPAxis& axis, double lower, double upper);
    /// Recolours the subclass's graphs for a new palette.
    virtual void restyle() {}

    /// The first run: the one run of a chart that shows one.
    const RunTrace& trace() const { return *m_traces.front(); }
    const std::vector<const RunTrace*>& traces() const { return m_traces; }
    XAxisMode xAxisMode() const { return m_xMode; }
    double smoothing() const { return m_smoothing; }
    bool isDarkTheme() const;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

    QCustomPlot* m_plot;

private:
    void resample();
    void fitXToData(const std::vector<Curve>& curves);
    void fitValueAxes();
    void updateEpochMarks();
    void onXRangeChanged();
    void applyPalette();

    std::vector<const RunTrace*> m_traces;
    XAxisMode m_xMode = XAxisMode::Step;
    double m_smoothing = 0.0;
    bool m_following = true;
    bool m_applyingRange = false; // set while this class moves the axes itself
    QTimer m_resampleTimer;
    std::vector<QCPItemStraightLine*> m_epochLines;
    XAxisMode m_epochLinesMode = XAxisMode::Step;
    std::vector<QPointF> m_scratch;
};

} // namespace tb::ui
