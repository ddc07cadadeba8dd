#include "ui/training/SweepQueue.h"

#include "engine/events/Event.h"
#include "ui/training/TrainingSession.h"
#include "ui/util/Format.h"

#include <QTimer>
#include <ctime>

namespace tb::ui {

SweepQueue::SweepQueue(TrainingSession& session, QObject* parent)
    : QObject(parent)
    , m_session(session) {
    connect(&m_session, &TrainingSession::runStarted, this, [this](qint64 runId) {
        if (m_active)
            m_runIds.append(runId);
    });
    connect(&m_session, &TrainingSession::runEnded, this, [this](qint64, const QString& status) {
        if (!m_active)
            return;
        if (status == QLatin1String(tb::engine::toString(tb::engine::RunStatus::Failed)))
            ++m_failed;
        QTimer::singleShot(0, this, &SweepQueue::startNext);
    });
    connect(&m_session, &TrainingSession::startFailed, this,
            [this](const tb::engine::ConfigIssues& issues, const QString& error) {
                if (!m_active)
                    return;
                const QString reason =
                    (toQString(tb::engine::formatIssues(issues)) + error).trimmed();
                // Without issues the workspace itself refused the run: so would it the next.
                onStartFailed(reason, issues.empty());
            });
}

void SweepQueue::start(std::vector<tb::engine::SweepRun> runs, const QString& databasePath,
                       const QString& tag) {
    if (m_active || runs.empty())
        return;
    m_runs = std::move(runs);
    m_databasePath = databasePath;
    m_tag = tag.isEmpty() ? toQString(tb::engine::sweepTag(std::time(nullptr))) : tag;
    m_runIds.clear();
    m_next = 0;
    m_failed = 0;
    m_cancelled = false;
    m_active = true;
    Q_EMIT activeChanged(true);
    startNext();
}

void SweepQueue::cancel() {
    m_cancelled = true;
    if (m_active && !m_session.isBusy())
        QTimer::singleShot(0, this, &SweepQueue::startNext);
}

void SweepQueue::startNext() {
    if (!m_active || m_session.isBusy())
        return;
    if (m_cancelled || m_next == total()) {
        finish();
        return;
    }
    const tb::engine::SweepRun& run = m_runs[static_cast<std::size_t>(m_next++)];
    Q_EMIT runStarting(m_next, total(), toQString(run.name));
    m_session.start(run.config, m_databasePath, toQString(run.name), m_tag);
}

void SweepQueue::onStartFailed(const QString& reason, bool workspaceProblem) {
    Q_EMIT runNotStarted(toQString(m_runs[static_cast<std::size_t>(m_next - 1)].name), reason);
    if (workspaceProblem)
        m_cancelled = true;
    QTimer::singleShot(0, this, &SweepQueue::startNext);
}

void SweepQueue::finish() {
    m_active = false;
    const int notTrained = total() - static_cast<int>(m_runIds.size());
    m_runs.clear();
    Q_EMIT activeChanged(false);
    Q_EMIT finished(m_runIds, notTrained, m_failed);
}

} // namespace tb::ui
