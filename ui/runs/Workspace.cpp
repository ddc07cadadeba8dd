#include "ui/runs/Workspace.h"

#include "engine/store/RunStore.h"
#include "ui/util/Format.h"

#include <QDir>
#include <QFileInfo>

namespace tb::ui {

using tb::engine::RunStore;

Workspace::Workspace(QObject* parent)
    : QObject(parent) {}

Workspace::~Workspace() = default;

bool Workspace::open(const QString& path, QString& error) {
    const QFileInfo file(path);
    if (!QDir().mkpath(file.absolutePath())) {
        error = tr("cannot create the folder %1; choose another workspace file")
                    .arg(file.absolutePath());
        return false;
    }
    try {
        // A new workspace is created here; the GUI then only reads.
        if (!file.exists())
            RunStore::open(path.toStdString(), RunStore::Mode::ReadWrite);
        m_store = std::make_unique<RunStore>(RunStore::openForReading(path.toStdString()));
    } catch (const tb::engine::StoreError& e) {
        error = toQString(e.what());
        return false;
    }
    m_path = file.absoluteFilePath();
    Q_EMIT opened(m_path);
    return true;
}

bool Workspace::failAbandonedRuns() {
    if (!m_store || m_store->abandonedRuns().empty())
        return false;
    try {
        RunStore::open(m_path.toStdString(), RunStore::Mode::ReadWrite); // fails them
        return true;
    } catch (const tb::engine::StoreError&) {
        return false;
    }
}

template <typename Action>
auto Workspace::write(Action action, QString& error)
    -> std::optional<decltype(action(std::declval<RunStore&>()))> {
    try {
        // Short: the GUI otherwise only reads, and the engine's store writer writes too.
        RunStore writable = RunStore::open(m_path.toStdString(), RunStore::Mode::ReadWrite);
        auto result = action(writable);
        Q_EMIT runsChanged();
        return result;
    } catch (const tb::engine::StoreError& e) {
        error = toQString(e.what());
        return std::nullopt;
    }
}

std::optional<tb::engine::MergeCounts> Workspace::merge(const QString& otherPath, QString& error) {
    if (QFileInfo(otherPath).absoluteFilePath() == m_path) {
        error = tr("%1 is the open workspace; choose another file to merge").arg(otherPath);
        return std::nullopt;
    }
    return write([&](RunStore& store) { return store.mergeFrom(otherPath.toStdString()); }, error);
}

bool Workspace::setRunNotes(qint64 runId, const QString& notes, const QString& tags, bool starred,
                            QString& error) {
    return write(
               [&](RunStore& store) {
                   store.setRunNotes(runId, notes.toStdString(), tags.toStdString(), starred);
                   return true;
               },
               error)
        .has_value();
}

std::optional<tb::engine::DeletionReport> Workspace::deleteRuns(const QList<qint64>& runIds,
                                                                QString& error) {
    return write(
        [&](RunStore& store) {
            return tb::engine::deleteRuns(store, {runIds.begin(), runIds.end()});
        },
        error);
}

} // namespace tb::ui
