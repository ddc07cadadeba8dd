// The live charts: one per metric plus the device chart, with their shared controls.
#pragma once

#include "ui/trace/XAxisMode.h"

#include <QTimer>
#include <QWidget>
#include <functional>
#include <vector>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QSlider;
class QStackedWidget;

namespace tb::ui {

class TitleLabel;
class DeviceChart;
class MetricChart;
class RunLegend;
class RunTrace;
class TestFigures;
class TraceChart;

/// Shows one RunTrace: a chart per metric (train and validation together) and the device
/// chart, in a grid, or the figures of a run that only tested (TestFigures); or several runs
/// compared: a chart per metric and split with a line per
/// run, one RunLegend above them all, and no device chart. The controls (x axis, smoothing, log
/// scale, reset zoom) apply to every chart, zooming one chart's x axis zooms all, and they persist
/// in QSettings. New points are drawn at most every kRefreshIntervalMs however fast they arrive.
class ChartPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 200;

    explicit ChartPanel(QWidget* parent = nullptr);

    /// Shows `trace` (not owned; null shows the placeholder).
    void setTrace(RunTrace* trace);
    /// Shows the runs of `traces` (not owned) together; none shows the placeholder.
    void setTraces(const std::vector<RunTrace*>& traces);
    /// The run shown, or the first of those compared; null when none.
    RunTrace* trace() const { return m_traces.empty() ? nullptr : m_traces.front(); }
    /// Replaces the text shown while there is nothing to draw.
    void setPlaceholderText(const QString& html);

    void setXAxisMode(XAxisMode mode);
    XAxisMode xAxisMode() const;
    void setSmoothing(double weight);
    double smoothing() const;
    void setLogScale(bool on);

    /// The chart of `metric` (of `split`, when runs are compared); null when there is none.
    MetricChart* metricChart(const QString& metric, const QString& split = {}) const;
    DeviceChart* deviceChart() const { return m_deviceChart; }
    /// The legend of compared runs; hidden while one run is shown.
    RunLegend* runLegend() const { return m_legend; }
    /// Redraws now instead of at the next refresh tick.
    void refreshNow();

private:
    QWidget* createControls();
    void scheduleRefresh();
    void rebuildCharts();
    bool addMissingCharts();
    void layoutCharts();
    void linkXRange(TraceChart* source, double lower, double upper);
    void updateTitle();
    /// A failed or stopped run says why under its title: its charts may show little of it.
    void showStatusReason();
    /// What stands where the charts would, for runs that recorded nothing to draw yet.
    QString noMetricsText() const;
    void updateLegend();
    void forEachChart(const std::function<void(TraceChart&)>& apply);
    void saveSettings() const;

    bool comparing() const { return m_traces.size() > 1; }

    std::vector<RunTrace*> m_traces;
    TitleLabel* m_title;
    QLabel* m_reason; ///< why the run shown failed or was stopped
    QLabel* m_placeholder;
    QLabel* m_noMetrics;                ///< runs shown, nothing to draw
    QWidget* m_chartControls = nullptr; ///< x axis, smoothing, log scale, reset zoom
    TestFigures* m_testFigures;
    QComboBox* m_xAxis;
    QSlider* m_smoothingSlider;
    QLabel* m_smoothingValue;
    QCheckBox* m_logScale;
    RunLegend* m_legend;
    QStackedWidget* m_stack;
    QWidget* m_chartArea;
    QGridLayout* m_grid;
    std::vector<MetricChart*> m_metricCharts;
    DeviceChart* m_deviceChart = nullptr;
    QTimer m_refreshTimer;
};

} // namespace tb::ui
