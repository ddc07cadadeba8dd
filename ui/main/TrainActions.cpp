#include "ui/main/TrainActions.h"

#include "ui/config/ConfigDocument.h"
#include "ui/theme/GlyphIcons.h"
#include "ui/training/SweepQueue.h"
#include "ui/training/TrainingSession.h"

#include <QAction>

namespace tb::ui {

using State = TrainingSession::State;

namespace {

QAction* createAction(QObject* parent, Glyph glyph, const QString& text,
                      const QKeySequence& shortcut) {
    auto* action = new QAction(glyphIcon(glyph), text, parent);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::ApplicationShortcut);
    return action;
}

} // namespace

TrainActions::TrainActions(TrainingSession& session, ConfigDocument& document, SweepQueue& sweep,
                           QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_document(document)
    , m_sweepQueue(sweep)
    , m_train(createAction(this, Glyph::Train, tr("&Train"), QKeySequence(tr("Ctrl+Return"))))
    , m_sweep(createAction(this, Glyph::Sweep, tr("S&weep\u2026"),
                           QKeySequence(tr("Ctrl+Shift+Return"))))
    , m_pause(createAction(this, Glyph::Pause, tr("&Pause"), QKeySequence(tr("Ctrl+P"))))
    , m_stop(createAction(this, Glyph::Stop, tr("&Stop"), QKeySequence(tr("Ctrl+."))))
    , m_checkpoint(createAction(this, Glyph::Checkpoint, tr("&Checkpoint now"),
                                QKeySequence(tr("Ctrl+Shift+S")))) {
    m_train->setObjectName(QStringLiteral("actionTrain"));
    m_train->setPriority(QAction::HighPriority);
    m_sweep->setObjectName(QStringLiteral("actionSweep"));
    m_checkpoint->setToolTip(
        tr("Save the model now, beside the workspace, without stopping (Ctrl+Shift+S)"));

    connect(m_train, &QAction::triggered, this, [this] {
        if (m_train->isEnabled())
            Q_EMIT trainRequested();
    });
    connect(m_sweep, &QAction::triggered, this, [this] {
        if (m_sweep->isEnabled())
            Q_EMIT sweepRequested();
    });
    connect(m_pause, &QAction::triggered, this, [this] {
        if (m_session.state() == State::Paused)
            m_session.resume();
        else
            m_session.pause();
    });
    connect(m_stop, &QAction::triggered, &m_sweepQueue, &SweepQueue::cancel);
    connect(m_stop, &QAction::triggered, &m_session, &TrainingSession::stop);
    connect(m_checkpoint, &QAction::triggered, &m_session, &TrainingSession::requestCheckpoint);
    connect(&m_session, &TrainingSession::stateChanged, this, &TrainActions::updateState);
    connect(&m_document, &ConfigDocument::issuesChanged, this, &TrainActions::updateState);
    connect(&m_sweepQueue, &SweepQueue::activeChanged, this, &TrainActions::updateState);
    updateState();
}

void TrainActions::updateState() {
    const State state = m_session.state();
    const bool valid = m_document.isValid();
    const bool active = state == State::Running || state == State::Paused;
    const bool sweeping = m_sweepQueue.isActive();
    const bool ready = state == State::Idle && !sweeping && valid;
    m_train->setEnabled(ready);
    m_sweep->setEnabled(ready);
    if (state != State::Idle || sweeping) {
        m_train->setToolTip(sweeping ? tr("A sweep is in progress") : tr("A run is in progress"));
        m_sweep->setToolTip(m_train->toolTip());
    } else if (valid) {
        m_train->setToolTip(tr("Train the experiment in the config editor (Ctrl+Return)"));
        m_sweep->setToolTip(tr("Train the experiment once per combination of a few values of "
                               "its fields, one run after the other (Ctrl+Shift+Return)"));
    } else {
        m_train->setToolTip(
            tr("Cannot train until the config is fixed:\n%1").arg(m_document.issuesText()));
        m_sweep->setToolTip(m_train->toolTip());
    }
    m_pause->setEnabled(active);
    const bool paused = state == State::Paused;
    m_pause->setText(paused ? tr("&Resume") : tr("&Pause"));
    m_pause->setIcon(glyphIcon(paused ? Glyph::Train : Glyph::Pause));
    m_pause->setToolTip(paused ? tr("Resume training (Ctrl+P)")
                               : tr("Pause between steps; the model stays in memory (Ctrl+P)"));
    m_stop->setEnabled(active || state == State::Starting);
    m_stop->setToolTip(sweeping ? tr("Stop the run after the current step, and the sweep: the "
                                     "runs after it are not trained (Ctrl+.)")
                                : tr("Stop the run after the current step; it is saved as "
                                     "stopped (Ctrl+.)"));
    m_checkpoint->setEnabled(active);
}

} // namespace tb::ui
