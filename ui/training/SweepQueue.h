// The runs of a sweep, trained one after the other through the training session.
#pragma once

#include "engine/config/SweepGrid.h"

#include <QList>
#include <QObject>
#include <QString>
#include <vector>

namespace tb::ui {

class TrainingSession;

/// Starts each run of a sweep when the one before it has ended, every run tagged with the
/// sweep's tag. A run that fails or cannot start (a missing dataset, NaN loss) does not stop
/// the sweep; cancel() does (the caller stops the run in progress), and so does a workspace
/// that cannot take runs. Every step after a session signal is queued, so isActive() holds
/// while the window handles that signal.
class SweepQueue : public QObject {
    Q_OBJECT
public:
    explicit SweepQueue(TrainingSession& session, QObject* parent = nullptr);

    /// Trains `runs` (valid configs, see expandSweep) into `databasePath`, each tagged `tag`
    /// (empty: `sweep-` and the time); the session must be idle.
    void start(std::vector<tb::engine::SweepRun> runs, const QString& databasePath,
               const QString& tag = {});
    /// Starts no further run; the one in progress goes on until the session stops it.
    void cancel();

    bool isActive() const { return m_active; }
    /// The 1-based position of the run in progress, and how many the sweep has.
    int position() const { return m_next; }
    int total() const { return static_cast<int>(m_runs.size()); }
    /// `sweep-20261206-104500` or the tag given: every run of this sweep carries it.
    QString tag() const { return m_tag; }

Q_SIGNALS:
    void activeChanged(bool active);
    void runStarting(int position, int total, const QString& name);
    /// A run of the sweep did not start; `reason` says why.
    void runNotStarted(const QString& name, const QString& reason);
    /// The sweep is over: the runs it started, how many of its runs it did not train
    /// (cancelled, or they could not start) and how many of those it started failed.
    void finished(const QList<qint64>& runIds, int notTrained, int failed);

private:
    void startNext();
    void onStartFailed(const QString& reason, bool workspaceProblem);
    void finish();

    TrainingSession& m_session;
    std::vector<tb::engine::SweepRun> m_runs;
    QString m_databasePath;
    QString m_tag;
    QList<qint64> m_runIds;
    int m_next = 0;
    int m_failed = 0;
    bool m_active = false;
    bool m_cancelled = false;
};

} // namespace tb::ui
