#include "ui/main/RunStatusBar.h"

#include "ui/theme/AccentColors.h"
#include "ui/util/Format.h"

#include <QLabel>
#include <QProgressBar>

namespace tb::ui {

using State = TrainingSession::State;

namespace {

constexpr int kWarningMs = 20000;

QColor stateColor(State state) {
    switch (state) {
    case State::Running:
        return accent::kGood;
    case State::Paused:
        return accent::kPaused;
    case State::Starting:
    case State::Stopping:
        return accent::kBusy;
    case State::Idle:
        break;
    }
    return accent::kQuiet;
}

} // namespace

RunStatusBar::RunStatusBar(QWidget* parent)
    : QStatusBar(parent)
    , m_sweep(new QLabel(this))
    , m_stateLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_rate(new QLabel(this))
    , m_eta(new QLabel(this))
    , m_device(new QLabel(this)) {
    m_progress->setFixedWidth(160);
    m_progress->setMaximumHeight(fontMetrics().height() + 2);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setVisible(false);
    m_rate->setToolTip(tr("Training samples per second"));
    m_eta->setToolTip(tr("Estimated time until the run ends"));
    m_device->setToolTip(
        tr("The device the config trains on; while training, its memory in use and how busy "
           "it is"));
    m_sweep->setToolTip(tr("The run of the sweep in progress; Stop ends the sweep"));
    m_sweep->setVisible(false);
    addPermanentWidget(m_sweep);
    addPermanentWidget(m_stateLabel);
    addPermanentWidget(m_progress);
    addPermanentWidget(m_rate);
    addPermanentWidget(m_eta);
    addPermanentWidget(m_device);
    showState();
}

void RunStatusBar::setState(State state) {
    m_state = state;
    if (state == State::Starting) {
        m_waiting = false;
        m_epoch = m_totalEpochs = m_totalSteps = 0;
        m_progress->setValue(0);
        m_rate->clear();
        m_eta->clear();
    }
    m_progress->setVisible(state != State::Idle);
    if (state == State::Idle)
        m_eta->clear();
    showState();
}

void RunStatusBar::setDevice(const QString& device) {
    m_deviceId = device;
    m_device->setText(tr("Device: %1").arg(device));
}

void RunStatusBar::setSweepPosition(int position, int total) {
    m_sweep->setText(tr("Sweep %1 of %2").arg(position).arg(total));
    m_sweep->setVisible(total > 0);
}

void RunStatusBar::showSample(const tb::engine::DeviceSample& sample) {
    QStringList parts{tr("Device: %1").arg(m_deviceId)};
    if (sample.memoryUsedBytes >= 0 && sample.memoryTotalBytes > 0)
        parts << tr("%1 of %2")
                     .arg(formatBytes(sample.memoryUsedBytes),
                          formatBytes(sample.memoryTotalBytes));
    if (sample.utilizationPct >= 0.0)
        parts << tr("%1% busy").arg(qRound(sample.utilizationPct));
    m_device->setText(parts.join(QStringLiteral(" \u00b7 ")));
}

void RunStatusBar::appendEvents(const EventBatch& batch) {
    using namespace tb::engine;
    for (const Event& event : batch) {
        if (const auto* started = std::get_if<RunStarted>(&event)) {
            m_totalEpochs = started->totalEpochs;
            m_totalSteps = started->totalEpochs * started->stepsPerEpoch;
            setDevice(toQString(started->device));
        } else if (const auto* sample = std::get_if<DeviceSample>(&event)) {
            if (toQString(sample->device) == m_deviceId)
                showSample(*sample);
        } else if (const auto* log = std::get_if<LogLine>(&event)) {
            if (log->level == LogLevel::Warning)
                showWarning(*log);
        } else if (const auto* step = std::get_if<StepMetrics>(&event)) {
            m_epoch = step->epoch;
            m_rate->setText(formatRate(step->samplesPerSec));
            m_eta->setText(tr("%1 left").arg(formatDuration(step->etaS)));
            if (m_totalSteps > 0)
                m_progress->setValue(static_cast<int>(1000 * step->step / m_totalSteps));
        } else if (const auto* epoch = std::get_if<EpochSummary>(&event)) {
            m_rate->setText(formatRate(epoch->samplesPerSec));
            if (m_totalEpochs > 0)
                m_progress->setValue(static_cast<int>(1000 * epoch->epoch / m_totalEpochs));
        } else if (const auto* ended = std::get_if<RunEnded>(&event)) {
            m_waiting = false;
            setDevice(m_deviceId); // a reading of a finished run would pass for a live one
            const QString goOn = ended->status == tb::engine::RunStatus::Stopped
                                     ? tr("; Continue training in its menu in Runs goes on")
                                     : QString();
            showMessage(tr("Run %1 %2 after %3%4")
                            .arg(ended->runId)
                            .arg(QString::fromUtf8(toString(ended->status)),
                                 formatDuration(ended->wallTimeS), goOn),
                        10000);
        }
    }
    showState();
}

// Warnings (an idle GPU, a checkpoint that could not be written) must be seen without opening
// the log; the one that holds the run stays until the run goes on.
void RunStatusBar::showWarning(const tb::engine::LogLine& log) {
    const std::string_view text(log.text);
    if (text.rfind(tb::engine::kHoldStartsLog, 0) == 0) {
        m_waiting = true;
        m_eta->clear(); // the next step tells again
    } else if (text.rfind(tb::engine::kHoldEndsLog, 0) == 0) {
        m_waiting = false;
    }
    showMessage(toQString(log.text), m_waiting ? 0 : kWarningMs);
}

void RunStatusBar::showState() {
    const bool waiting = m_waiting && m_state == State::Running;
    QString text = waiting ? tr("Waiting") : TrainingSession::stateText(m_state);
    if ((m_state == State::Running || m_state == State::Paused) && m_totalEpochs > 0)
        text += tr(" \u00b7 epoch %1/%2").arg(std::max<qint64>(m_epoch, 1)).arg(m_totalEpochs);
    const QColor color = waiting ? accent::kWarning : stateColor(m_state);
    m_stateLabel->setText(QStringLiteral("<span style='color:%1'>\u25cf</span> %2")
                              .arg(color.name(), text.toHtmlEscaped()));
}

QString RunStatusBar::stateText() const {
    return m_stateLabel->text();
}

QString RunStatusBar::rateText() const {
    return m_rate->text();
}

QString RunStatusBar::etaText() const {
    return m_eta->text();
}

} // namespace tb::ui
