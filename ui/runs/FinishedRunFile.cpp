#include "ui/runs/FinishedRunFile.h"

#include "ui/runs/Workspace.h"
#include "ui/util/Format.h"

namespace tb::ui {
namespace {

FinishedRunFile nothing(QString title, QString message) {
    return {std::move(title), {}, std::move(message)};
}

} // namespace

FinishedRunFile findFinishedRunFile(const Workspace& workspace, qint64 runId,
                                    const std::string& kind, const QString& stillTraining,
                                    const QString& none) {
    const tb::engine::RunStore* store = workspace.store();
    if (!store)
        return nothing({}, QObject::tr("No workspace is open."));
    try {
        const auto run = store->run(runId);
        if (!run)
            return nothing({}, QObject::tr("Run %1 is not in this workspace.").arg(runId));
        const QString title = QObject::tr("Run %1 \u00b7 %2").arg(runId).arg(toQString(run->name));
        if (!tb::engine::hasEnded(run->status))
            return nothing(title, stillTraining.arg(title));
        const auto artifact = store->latestArtifact(runId, kind);
        if (!artifact)
            return nothing(title, none.arg(title));
        return {title, toQString(artifact->path), {}};
    } catch (const tb::engine::StoreError& e) {
        return nothing({}, toQString(e.what()));
    }
}

} // namespace tb::ui
