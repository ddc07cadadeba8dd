#include "ui/main/LogDock.h"

#include "engine/store/RunStore.h"
#include "ui/main/LogPanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace tb::ui {

LogDock::LogDock(QWidget* parent)
    : QWidget(parent)
    , m_picker(new QComboBox(this))
    , m_stack(new QStackedWidget(this))
    , m_session(new LogPanel(m_stack))
    , m_run(new LogPanel(m_stack)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* pickerRow = new QHBoxLayout;
    auto* label = new QLabel(tr("S&how:"), this);
    label->setBuddy(m_picker);
    pickerRow->addWidget(label);
    pickerRow->addWidget(m_picker);
    pickerRow->addStretch(1);
    layout->addLayout(pickerRow);
    layout->addWidget(m_stack, 1);
    m_stack->addWidget(m_session);
    m_stack->addWidget(m_run);
    m_picker->addItem(tr("This session"));
    m_picker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_run->setPlaceholderText(tr("This run stored no log line."));
    connect(m_picker, &QComboBox::currentIndexChanged, m_stack, &QStackedWidget::setCurrentIndex);
}

bool LogDock::showsRunLog() const {
    return m_stack->currentWidget() == m_run;
}

void LogDock::showRun(const tb::engine::RunStore& store, qint64 runId, const QString& title) {
    using namespace tb::engine;
    EventBatch events;
    for (LogLine& line : store.logs(runId))
        events.emplace_back(std::move(line));
    const std::optional<RunRecord> record = store.run(runId);
    if (record && hasEnded(record->status)) {
        const double lastS = events.empty() ? 0.0 : std::get<LogLine>(events.back()).wallTimeS;
        events.emplace_back(RunEnded{
            runId, record->status, record->statusReason, std::max(lastS, record->runSeconds), {}});
    }
    m_run->clear();
    m_run->appendEvents(events);
    // At its end, where it says how the run ended, but from the start of the line: appending
    // leaves the view scrolled to the right end of the longest last line.
    m_run->moveCursor(QTextCursor::End);
    m_run->moveCursor(QTextCursor::StartOfLine);
    if (m_picker->count() == 1)
        m_picker->addItem(title);
    else
        m_picker->setItemText(1, title);
    m_picker->setCurrentIndex(1);
}

void LogDock::showSession() {
    m_picker->setCurrentIndex(0);
}

} // namespace tb::ui
