#include "ui/main/WorkspaceActions.h"

#include "ui/runs/Workspace.h"
#include "ui/theme/GlyphIcons.h"
#include "ui/training/TrainingSession.h"
#include "ui/util/Format.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

namespace tb::ui {

namespace {

const char* const kWorkspaceFilter =
    QT_TRANSLATE_NOOP("WorkspaceActions", "Trainbench workspaces (*.db *.sqlite);;All files (*)");

} // namespace

WorkspaceActions::WorkspaceActions(Workspace& workspace, TrainingSession& session, QWidget* window)
    : QObject(window)
    , m_workspace(workspace)
    , m_session(session)
    , m_window(window)
    , m_open(new QAction(glyphIcon(Glyph::OpenWorkspace), tr("&Open workspace\u2026"), this))
    , m_merge(new QAction(glyphIcon(Glyph::MergeWorkspace), tr("&Merge workspace\u2026"), this)) {
    m_open->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    m_open->setToolTip(tr("Switch to another workspace database"));
    m_merge->setToolTip(
        tr("Copy every run of another workspace (e.g. from trainbench-cli on a server) into "
           "this one"));
    connect(m_open, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            m_window, tr("Open workspace"), QFileInfo(m_workspace.path()).absolutePath(),
            tr(kWorkspaceFilter));
        if (!path.isEmpty())
            openPath(path);
    });
    connect(m_merge, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            m_window, tr("Merge workspace"), QFileInfo(m_workspace.path()).absolutePath(),
            tr(kWorkspaceFilter));
        if (!path.isEmpty())
            mergePath(path);
    });
    connect(&m_session, &TrainingSession::stateChanged, this,
            [this] { m_open->setEnabled(!m_session.isBusy()); });
}

bool WorkspaceActions::openPath(const QString& path) {
    if (m_session.isBusy()) {
        QMessageBox::information(m_window, tr("Open workspace"),
                                 tr("A run is writing to this workspace; stop it or wait for it "
                                    "to finish before switching."));
        return false;
    }
    QString error;
    if (!m_workspace.open(path, error)) {
        QMessageBox::warning(m_window, tr("Open workspace"), error);
        return false;
    }
    Q_EMIT message(tr("Opened workspace %1").arg(m_workspace.path()));
    return true;
}

bool WorkspaceActions::mergePath(const QString& path) {
    QString error;
    const std::optional<tb::engine::MergeCounts> merged = m_workspace.merge(path, error);
    if (!merged) {
        QMessageBox::warning(m_window, tr("Merge workspace"), error);
        return false;
    }
    QStringList parts{countOf(merged->added, tr("new run"), tr("new runs"))};
    if (merged->updated > 0)
        parts << tr("%n brought up to date", nullptr, merged->updated);
    if (merged->alreadyHere > 0)
        parts << tr("%n already here", nullptr, merged->alreadyHere);
    Q_EMIT message(tr("Merged %1: %2").arg(path, parts.join(QStringLiteral(", "))));
    return true;
}

} // namespace tb::ui
