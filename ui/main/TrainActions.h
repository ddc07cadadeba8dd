// Train, Sweep, Pause/Resume, Stop and Checkpoint now: the actions and when they apply.
#pragma once

#include <QObject>

class QAction;

namespace tb::ui {

class ConfigDocument;
class SweepQueue;
class TrainingSession;

/// The run controls of the toolbar and the Run menu, with their shortcuts. Train and Sweep
/// are enabled only when idle, outside a sweep, and with a config without problems (the
/// tooltip lists them otherwise); the others follow the session's state. Stop also ends a
/// sweep.
class TrainActions : public QObject {
    Q_OBJECT
public:
    TrainActions(TrainingSession& session, ConfigDocument& document, SweepQueue& sweep,
                 QObject* parent = nullptr);

    QAction* train() const { return m_train; }
    QAction* sweep() const { return m_sweep; }
    QAction* pauseResume() const { return m_pause; }
    QAction* stop() const { return m_stop; }
    QAction* checkpoint() const { return m_checkpoint; }

Q_SIGNALS:
    /// Train was triggered with a valid config; the window starts the run.
    void trainRequested();
    /// Sweep was triggered with a valid config; the window asks for the grid.
    void sweepRequested();

private:
    void updateState();

    TrainingSession& m_session;
    ConfigDocument& m_document;
    SweepQueue& m_sweepQueue;
    QAction* m_train;
    QAction* m_sweep;
    QAction* m_pause;
    QAction* m_stop;
    QAction* m_checkpoint;
};

} // namespace tb::ui
