#include "ui/training/TrainingSession.h"

#include "engine/training/RunController.h"
#include "ui/bridge/EngineBridge.h"
#include "ui/util/Format.h"

#include <QThread>

namespace tb::ui {

using tb::engine::RunEnded;

struct TrainingSession::StartJob {
    tb::engine::Config config;
    tb::engine::RunOptions options;
    tb::engine::StartResult result;
};

TrainingSession::TrainingSession(QObject* parent)
    : QObject(parent)
    , m_controller(std::make_unique<tb::engine::RunController>())
    , m_bridge(new EngineBridge(this)) {
    connect(m_bridge, &EngineBridge::eventsArrived, this, &TrainingSession::handleEvents);
}

TrainingSession::~TrainingSession() {
    // No signals from a dying object: the controller's destructor stops and joins the run.
    disconnect(m_bridge, nullptr, this, nullptr);
    waitForStarter();
}

void TrainingSession::start(const tb::engine::Config& config, const QString& databasePath,
                            const QString& runName, const QString& tags) {
    auto job = std::make_shared<StartJob>(StartJob{config, {}, {}});
    job->options.databasePath = databasePath.toStdString();
    job->options.runName = runName.toStdString();
    job->options.tags = tags.toStdString();
    launch(std::move(job));
}

void TrainingSession::continueRun(const tb::engine::Config& config, const QString& databasePath,
                                  qint64 runId) {
    auto job = std::make_shared<StartJob>(StartJob{config, {}, {}});
    job->options.databasePath = databasePath.toStdString();
    job->options.continueRunId = runId;
    launch(std::move(job));
}

qint64 TrainingSession::continuedRunId() const {
    return m_startJob ? m_startJob->options.continueRunId : 0;
}

void TrainingSession::launch(std::shared_ptr<StartJob> job) {
    if (isBusy())
        return;
    m_stopRequested = false;
    job->options.observers = {m_bridge->observer()};
    m_startJob = job;
    setState(State::Starting);

    tb::engine::RunController* controller = m_controller.get();
    m_starter = QThread::create(
        [job, controller] { job->result = controller->start(job->config, job->options); });
    // finished() is emitted on the worker; the queued connection brings it to this thread.
    connect(m_starter, &QThread::finished, this, &TrainingSession::finishStart,
            Qt::QueuedConnection);
    m_starter->start();
}

const tb::engine::Config& TrainingSession::runConfig() const {
    return m_startJob->config;
}

QString TrainingSession::runName() const {
    const std::string& name = m_startJob->options.runName;
    return toQString(name.empty() ? m_startJob->config.getString("name") : name);
}

void TrainingSession::finishStart() {
    waitForStarter();
    const tb::engine::StartResult result = m_startJob->result;
    if (!result.started) {
        setState(State::Idle);
        Q_EMIT startFailed(result.issues, toQString(result.error));
        return;
    }
    m_runId = result.runId;
    m_bridge->setDraining(true);
    setState(State::Running);
    Q_EMIT runStarted(m_runId);
    if (m_stopRequested)
        stop();
}

void TrainingSession::waitForStarter() {
    if (!m_starter)
        return;
    m_starter->wait();
    delete m_starter;
    m_starter = nullptr;
}

void TrainingSession::pause() {
    if (m_state != State::Running)
        return;
    m_controller->pause();
    setState(State::Paused);
}

void TrainingSession::resume() {
    if (m_state != State::Paused)
        return;
    m_controller->resume();
    setState(State::Running);
}

void TrainingSession::stop() {
    if (m_state == State::Starting) {
        m_stopRequested = true;
        return;
    }
    if (m_state != State::Running && m_state != State::Paused)
        return;
    // A paused run must resume to reach the point between steps where it sees the stop.
    m_controller->stop();
    m_controller->resume();
    setState(State::Stopping);
}

void TrainingSession::requestCheckpoint() {
    if (m_state == State::Running || m_state == State::Paused)
        m_controller->requestCheckpoint();
}

void TrainingSession::stopAndWait() {
    if (m_starter) {
        waitForStarter();
        if (m_startJob->result.started)
            m_runId = m_startJob->result.runId;
    }
    m_controller->stop();
    m_controller->resume();
    m_controller->wait();
    m_bridge->drainNow();
    m_bridge->setDraining(false);
    setState(State::Idle);
}

void TrainingSession::handleEvents(const EventBatch& batch) {
    Q_EMIT eventsArrived(batch);
    for (const tb::engine::Event& event : batch) {
        const auto* ended = std::get_if<RunEnded>(&event);
        if (!ended)
            continue;
        // The engine thread closes the store writer right after RunEnded; join it so the
        // database is complete before anyone re-reads it.
        m_controller->wait();
        m_bridge->setDraining(false);
        setState(State::Idle);
        Q_EMIT runEnded(ended->runId, QString::fromUtf8(tb::engine::toString(ended->status)),
                        toQString(ended->reason));
        if (const std::string problem = m_controller->storeProblem(); !problem.empty())
            Q_EMIT storeIncomplete(ended->runId, toQString(problem));
    }
}

void TrainingSession::setState(State state) {
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

QString TrainingSession::stateText(State state) {
    switch (state) {
    case State::Idle:
        return tr("Idle");
    case State::Starting:
        return tr("Preparing data");
    case State::Running:
        return tr("Training");
    case State::Paused:
        return tr("Paused");
    case State::Stopping:
        return tr("Stopping");
    }
    return {};
}

} // namespace tb::ui
