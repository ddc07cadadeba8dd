// Starts and steers one training run at a time from the GUI thread.
#pragma once

#include "engine/config/Config.h"
#include "engine/config/ConfigIssue.h"
#include "ui/bridge/EventBatch.h"

#include <QObject>
#include <QString>
#include <memory>

class QThread;

namespace tb::engine {
class RunController;
}

namespace tb::ui {

class EngineBridge;

/// Owns the engine's RunController and the bridge that carries its events. Lives on the GUI
/// thread; start() prepares the run (loading a dataset takes seconds) on a short-lived worker
/// thread so that the window stays responsive, and every signal arrives on the GUI thread.
class TrainingSession : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Starting, Running, Paused, Stopping };
    Q_ENUM(State)

    explicit TrainingSession(QObject* parent = nullptr);
    ~TrainingSession() override; ///< stops an active run and waits for it

    State state() const { return m_state; }
    bool isBusy() const { return m_state != State::Idle; }
    /// The id of the active or last started run; 0 before the first.
    qint64 runId() const { return m_runId; }
    /// The config and name of the active or last started run (valid after start()).
    const tb::engine::Config& runConfig() const;
    QString runName() const;

    /// Validates the config, prepares data and model, creates the run row in
    /// `databasePath` and starts training; ends in runStarted() or startFailed(). An empty
    /// `runName` names the run after the config; `tags` are comma-separated.
    void start(const tb::engine::Config& config, const QString& databasePath,
               const QString& runName = {}, const QString& tags = {});
    /// Trains the ended run `runId` of `databasePath` on from its last checkpoint, as the same
    /// run; `config` is the run's own (train.epochs perhaps raised). Ends as start() does.
    void continueRun(const tb::engine::Config& config, const QString& databasePath, qint64 runId);
    /// The run the active or last start continues; 0 when it started a new run.
    qint64 continuedRunId() const;
    void pause();
    void resume();
    void stop();
    void requestCheckpoint();
    /// Stops the active run (if any) and blocks until the engine has ended it and the store
    /// writer has flushed everything to the database.
    void stopAndWait();

    static QString stateText(State state);

Q_SIGNALS:
    void stateChanged(tb::ui::TrainingSession::State state);
    void startFailed(const tb::engine::ConfigIssues& issues, const QString& error);
    void runStarted(qint64 runId);
    /// Every engine event, in batches (see EngineBridge).
    void eventsArrived(const tb::ui::EventBatch& batch);
    /// After the run's last event has been delivered and its data is in the database.
    void runEnded(qint64 runId, const QString& status, const QString& reason);
    /// After runEnded: part of the run could not be written to the workspace (a full disk).
    void storeIncomplete(qint64 runId, const QString& problem);

private:
    struct StartJob;

    void launch(std::shared_ptr<StartJob> job);
    void setState(State state);
    void finishStart();
    void handleEvents(const EventBatch& batch);
    void waitForStarter();

    std::unique_ptr<tb::engine::RunController> m_controller;
    EngineBridge* m_bridge;
    std::shared_ptr<StartJob> m_startJob;
    QThread* m_starter = nullptr;
    State m_state = State::Idle;
    qint64 m_runId = 0;
    bool m_stopRequested = false;
};

} // namespace tb::ui
