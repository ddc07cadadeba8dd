// Everything the charts draw for one run, live or loaded from the workspace.
#pragma once

#include "ui/bridge/EventBatch.h"
#include "ui/trace/MetricSeries.h"

#include <QObject>
#include <QString>
#include <map>
#include <vector>

namespace tb::ui {

/// Metric curves, device telemetry and epoch boundaries of one run, on the GUI thread.
/// Filled either by append() from live engine events or by loadRunTrace() from the store.
class RunTrace : public QObject {
    Q_OBJECT
public:
    struct Info {
        qint64 runId = 0;
        QString name;
        QString device;
        QString precision;    ///< `bf16` or `fp16` (train.amp); empty for float32
        QString status;       ///< as stored: running, finished, ...
        QString statusReason; ///< why it failed or was stopped; empty otherwise
        qint64 totalEpochs = 0;
        qint64 stepsPerEpoch = 0; ///< 0 when unknown
        /// model.init_from of a run that trains no epoch (a test of those weights); empty for
        /// one that trains, or a test that has not finished (stored runs)
        QString testedWeights;
    };

    explicit RunTrace(QObject* parent = nullptr);

    /// Forgets all data and starts over for another run; emits cleared().
    void restart(const Info& info);
    /// Applies a batch of live events; emits appended() once when anything changed.
    void append(const EventBatch& batch);
    /// Takes `newer`'s content (a later read of the same run) in place of its own and emits
    /// appended(), not cleared(): charts keep the user's zoom and follow the longer curves.
    void replaceWith(RunTrace& newer);
    /// Bulk set-up for loaders and benchmarks; call notifyAppended() when done.
    MetricSeries& series(const QString& name) { return m_metrics[name]; }
    DeviceSeries& deviceSeries(const QString& device) { return m_devices[device]; }
    void setEpochMarks(std::vector<EpochMark> marks) { m_epochMarks = std::move(marks); }
    void setStatus(const QString& status, const QString& reason = {}) {
        m_info.status = status;
        m_info.statusReason = reason;
    }
    void setStepsPerEpoch(qint64 steps) { m_info.stepsPerEpoch = steps; }
    /// Derives the wall-time-to-step map from the longest metric series (after bulk set-up).
    void rebuildTimeline();
    void notifyAppended() { Q_EMIT appended(); }

    const Info& info() const { return m_info; }
    const std::map<QString, MetricSeries>& metrics() const { return m_metrics; }
    const std::map<QString, DeviceSeries>& devices() const { return m_devices; }
    const std::vector<EpochMark>& epochMarks() const { return m_epochMarks; }

    /// The x range every metric curve spans on `mode`'s axis; false when there are none.
    bool xExtent(XAxisMode mode, double& lower, double& upper) const;
    /// Fractional epoch of a step (1.0 = end of the first epoch).
    double epochAtStep(double step, double reportedEpoch) const;
    /// A wall time expressed on `mode`'s axis, interpolated over the steps seen so far, so
    /// that device samples line up with the metrics whatever the x axis.
    double xAtWallTime(double wallS, XAxisMode mode) const;

Q_SIGNALS:
    void cleared();
    void appended();

private:
    void apply(const tb::engine::Event& event);
    void addMetrics(const std::vector<tb::engine::MetricValue>& values, double step, double epoch,
                    double wallS);
    void addTimelinePoint(double wallS, double step);

    Info m_info;
    std::map<QString, MetricSeries> m_metrics;
    std::map<QString, DeviceSeries> m_devices;
    std::vector<EpochMark> m_epochMarks;
    // (wall time, step) pairs in time order: the map from device sample times to steps.
    std::vector<double> m_timelineWallS;
    std::vector<double> m_timelineStep;
};

} // namespace tb::ui
