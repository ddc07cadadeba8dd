// File > Open workspace and Merge workspace.
#pragma once

#include <QObject>

class QAction;
class QWidget;

namespace tb::ui {

class TrainingSession;
class Workspace;

/// Switches to another workspace file (not while a run writes to the current one) or merges
/// another file's runs, such as a database written by `trainbench-cli` on a GPU server,
/// into the open workspace.
class WorkspaceActions : public QObject {
    Q_OBJECT
public:
    WorkspaceActions(Workspace& workspace, TrainingSession& session, QWidget* window);

    QAction* open() const { return m_open; }
    QAction* merge() const { return m_merge; }

    /// Opens `path`, reporting a failure in a dialog; false when it failed.
    bool openPath(const QString& path);
    /// Merges `path` into the open workspace, reporting a failure in a dialog; false when it
    /// failed.
    bool mergePath(const QString& path);

Q_SIGNALS:
    /// One line for the status bar / log: what happened.
    void message(const QString& text);

private:
    Workspace& m_workspace;
    TrainingSession& m_session;
    QWidget* m_window;
    QAction* m_open;
    QAction* m_merge;
};

} // namespace tb::ui
