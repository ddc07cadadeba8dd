// The run's log lines as they arrive.
#pragma once

#include "ui/bridge/EventBatch.h"

#include <QPlainTextEdit>

namespace tb::ui {

/// Log lines of the live run (engine LogLine events plus how the run ended), warnings and
/// errors in colour, capped at kMaxLines.
class LogPanel : public QPlainTextEdit {
    Q_OBJECT
public:
    static constexpr int kMaxLines = 20000;

    explicit LogPanel(QWidget* parent = nullptr);

    void appendEvents(const EventBatch& batch);
    /// Adds a line of the app's own (a run started, a workspace opened).
    void appendNote(const QString& text);
};

} // namespace tb::ui
