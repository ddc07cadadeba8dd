#include "ui/main/LogPanel.h"

#include "ui/theme/AccentColors.h"
#include "ui/util/Format.h"

#include <QFontDatabase>

namespace tb::ui {

namespace {

QString levelColor(tb::engine::LogLevel level) {
    switch (level) {
    case tb::engine::LogLevel::Warning:
        return accent::kWarning.name();
    case tb::engine::LogLevel::Error:
        return accent::kProblem.name();
    case tb::engine::LogLevel::Debug:
    case tb::engine::LogLevel::Info:
        break;
    }
    return {};
}

QString line(double wallTimeS, const QString& level, const QString& text, const QString& color) {
    const QString body = QStringLiteral("[%1 s] %2 %3")
                             .arg(wallTimeS, 8, 'f', 1)
                             .arg(level.leftJustified(7), text)
                             .toHtmlEscaped();
    return color.isEmpty() ? QStringLiteral("<span style='white-space:pre'>%1</span>").arg(body)
                           : QStringLiteral("<span style='white-space:pre; color:%1'>%2</span>")
                                 .arg(color, body);
}

} // namespace

LogPanel::LogPanel(QWidget* parent)
    : QPlainTextEdit(parent) {
    setReadOnly(true);
    setMaximumBlockCount(kMaxLines);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setPlaceholderText(tr("The run's log appears here."));
}

void LogPanel::appendEvents(const EventBatch& batch) {
    using namespace tb::engine;
    for (const Event& event : batch) {
        if (const auto* log = std::get_if<LogLine>(&event)) {
            appendHtml(line(log->wallTimeS, QString::fromUtf8(toString(log->level)),
                            toQString(log->text), levelColor(log->level)));
        } else if (const auto* ended = std::get_if<RunEnded>(&event)) {
            const bool failed = ended->status == RunStatus::Failed;
            QString text =
                tr("run %1 %2").arg(ended->runId).arg(QString::fromUtf8(toString(ended->status)));
            if (!ended->reason.empty())
                text += QStringLiteral(": ") + toQString(ended->reason);
            appendHtml(line(ended->wallTimeS, QStringLiteral("end"), text,
                            failed ? levelColor(LogLevel::Error) : QString()));
        }
    }
}

void LogPanel::appendNote(const QString& text) {
    appendHtml(QStringLiteral("<i>%1</i>").arg(text.toHtmlEscaped()));
}

} // namespace tb::ui
