// The workspace database as the GUI sees it.
#pragma once

#include "engine/store/RunDeletion.h"
#include "engine/store/RunStore.h"

#include <QList>
#include <QObject>
#include <QString>
#include <memory>
#include <optional>
#include <utility>

namespace tb::ui {

/// The open workspace file and the GUI thread's own read-only connection to it (the
/// engine's store writer has its own). Opening or merging another workspace file, such as
/// one written by `trainbench-cli` on a GPU server, goes through here.
class Workspace : public QObject {
    Q_OBJECT
public:
    explicit Workspace(QObject* parent = nullptr);
    ~Workspace() override;

    /// Opens `path`, creating an empty workspace (and its folder) when it does not exist.
    /// On failure keeps the previous workspace and sets `error` to the store's message.
    bool open(const QString& path, QString& error);
    QString path() const { return m_path; }
    /// The read-only connection; null before the first successful open().
    const tb::engine::RunStore* store() const { return m_store.get(); }

    /// Fails the runs whose training process on this machine has ended without saying so
    /// (a `trainbench-cli` killed while the GUI watched), through a short read-write open
    /// taken only when there are such runs. False when there were none or the file refused
    /// writing (read-only, locked): the next call tries again.
    bool failAbandonedRuns();

    /// Copies the runs of the workspace file `otherPath` into this one
    /// (tb::engine::RunStore::mergeFrom); what it did, or nothing with `error` set.
    std::optional<tb::engine::MergeCounts> merge(const QString& otherPath, QString& error);

    /// Stars, tags and annotates a run (tb::engine::RunStore::setRunNotes); false with
    /// `error` set when the file refuses it.
    bool setRunNotes(qint64 runId, const QString& notes, const QString& tags, bool starred,
                     QString& error);

    /// Deletes runs with the files only they wrote (tb::engine::deleteRuns); what it did, or
    /// nothing with `error` set (a run still training, a file that refuses writing).
    std::optional<tb::engine::DeletionReport> deleteRuns(const QList<qint64>& runIds,
                                                         QString& error);

Q_SIGNALS:
    void opened(const QString& path);
    /// Runs were added, changed or deleted from outside a training (a merge, notes).
    void runsChanged();

private:
    /// Runs `action` on a read-write connection of its own and says runsChanged(); its result,
    /// or nothing with `error` set when the file refuses.
    template <typename Action>
    auto write(Action action, QString& error)
        -> std::optional<decltype(action(std::declval<tb::engine::RunStore&>()))>;

    QString m_path;
    std::unique_ptr<tb::engine::RunStore> m_store;
};

} // namespace tb::ui
