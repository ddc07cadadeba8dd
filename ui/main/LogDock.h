// The Log dock: this session's log, or the stored log of the run opened.
#pragma once

#include <QWidget>

class QComboBox;
class QStackedWidget;

namespace tb::engine {
class RunStore;
}

namespace tb::ui {

class LogPanel;

/// This session's log (the runs trained here, the app's notes) and, once a stored run is
/// opened, that run's own log, each a choice of the picker above them.
class LogDock : public QWidget {
    Q_OBJECT
public:
    explicit LogDock(QWidget* parent = nullptr);

    LogPanel* session() const { return m_session; }
    LogPanel* runLog() const { return m_run; }
    bool showsRunLog() const;

    /// Shows the log stored for run `runId` of `store`, and how the run ended; `title` names
    /// it in the picker. Throws tb::engine::StoreError when the log cannot be read.
    void showRun(const tb::engine::RunStore& store, qint64 runId, const QString& title);
    /// Back to this session's log, where a run trained now writes.
    void showSession();

private:
    QComboBox* m_picker;
    QStackedWidget* m_stack;
    LogPanel* m_session;
    LogPanel* m_run;
};

} // namespace tb::ui
