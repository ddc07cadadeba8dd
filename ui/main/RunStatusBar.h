// Device, run state, throughput and time left, at the bottom of the window.
#pragma once

#include "ui/bridge/EventBatch.h"
#include "ui/training/TrainingSession.h"

#include <QStatusBar>

class QLabel;
class QProgressBar;

namespace tb::ui {

/// Shows the session's state (with the epoch while training), overall progress, samples
/// per second and the estimated time left from the latest step metrics, the device with its
/// latest memory and utilization reading, and the run's warnings for a while (the one that
/// holds the run until it goes on: "Waiting" then replaces "Running").
class RunStatusBar : public QStatusBar {
    Q_OBJECT
public:
    explicit RunStatusBar(QWidget* parent = nullptr);

    void setState(TrainingSession::State state);
    /// The device of the config (until a run reports the one it trains on).
    void setDevice(const QString& device);
    /// "Sweep 2 of 6" beside the state while a sweep trains; `total` 0 hides it.
    void setSweepPosition(int position, int total);
    void appendEvents(const EventBatch& batch);

    QString stateText() const;
    QString rateText() const;
    QString etaText() const;

private:
    void showState();
    void showSample(const tb::engine::DeviceSample& sample);
    void showWarning(const tb::engine::LogLine& log);

    TrainingSession::State m_state = TrainingSession::State::Idle;
    qint64 m_epoch = 0;
    qint64 m_totalEpochs = 0;
    qint64 m_totalSteps = 0;
    bool m_waiting = false; ///< the run is held until its workspace can be written
    QLabel* m_sweep;
    QLabel* m_stateLabel;
    QProgressBar* m_progress;
    QLabel* m_rate;
    QLabel* m_eta;
    QLabel* m_device;
    QString m_deviceId;
};

} // namespace tb::ui
