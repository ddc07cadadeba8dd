// Train, Pause/Resume, Stop and Checkpoint now: the actions and when they apply.
#pragma once

#include <QObject>

class QAction;

namespace tb::ui {

class ConfigDocument;
class TrainingSession;

/// The run controls of the toolbar and the Run menu, with their shortcuts. Train is
/// enabled only when idle and the config has no problems (its tooltip lists them
/// otherwise); the others follow the session's state.
class TrainActions : public QObject {
    Q_OBJECT
public:
    TrainActions(TrainingSession& session, ConfigDocument& document, QObject* parent = nullptr);

    QAction* train() const { return m_train; }
    QAction* pauseResume() const { return m_pause; }
    QAction* stop() const { return m_stop; }
    QAction* checkpoint() const { return m_checkpoint; }

Q_SIGNALS:
    /// Train was triggered with a valid config; the window starts the run.
    void trainRequested();

private:
    void updateState();

    TrainingSession& m_session;
    ConfigDocument& m_document;
    QAction* m_train;
    QAction* m_pause;
    QAction* m_stop;
    QAction* m_checkpoint;
};

} // namespace tb::ui
