#include "ui/forecast/ForecastPanel.h"

#include "ui/charts/ForecastAxes.h"
#include "ui/charts/PlotStyle.h"
#include "ui/charts/ValueAxis.h"
#include "ui/runs/FinishedRunFile.h"
#include "ui/util/Format.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace tb::ui {

namespace {

void setGraph(QCPGraph& graph, const std::vector<QPointF>& points) {
    QVector<double> keys, values;
    for (const QPointF& p : points) {
        keys << p.x();
        values << p.y();
    }
    graph.setData(keys, values, true);
}

constexpr qint64 kSecondsPerDay = 24 * 60 * 60;

/// Whether the points' times are all whole days (daily, weekly or monthly rows), whose times of
/// day would read as noise.
bool wholeDays(const std::vector<QPointF>& points) {
    return std::all_of(points.begin(), points.end(), [](const QPointF& p) {
        return static_cast<qint64>(p.x()) % kSecondsPerDay == 0;
    });
}

QString dateText(double timeS, bool withTimeOfDay) {
    return QDateTime::fromSecsSinceEpoch(static_cast<qint64>(timeS), Qt::UTC)
        .toString(withTimeOfDay ? QStringLiteral("yyyy-MM-dd hh:mm")
                                : QStringLiteral("yyyy-MM-dd"));
}

} // namespace

ForecastPanel::ForecastPanel(Workspace& workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_title(new QLabel(this))
    , m_message(new QLabel(this))
    , m_content(new QWidget(this))
    , m_channel(new QComboBox(this))
    , m_window(new QSpinBox(this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_worst(new QPushButton(tr("Worst window"), this))
    , m_original(new QCheckBox(tr("File units"), this))
    , m_windowPlot(new QCustomPlot(this))
    , m_stepPlot(new QCustomPlot(this))
    , m_summary(new QLabel(this)) {
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    createWindowPlot();
    createStepPlot();

    auto* contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(createControls());
    contentLayout->addWidget(m_windowPlot, 3);
    contentLayout->addWidget(m_summary);
    contentLayout->addWidget(m_stepPlot, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_content, 1);
    restyle();
    showMessage(tr("Open a finished forecasting run (double-click it in Runs) to draw its test "
                   "forecasts against the truth."));
}

ForecastPanel::~ForecastPanel() = default;

QWidget* ForecastPanel::createControls() {
    auto* controls = new QWidget(this);
    auto* row = new QHBoxLayout(controls);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("Channel"), controls));
    row->addWidget(m_channel);
    row->addSpacing(12);
    row->addWidget(new QLabel(tr("Window"), controls));
    row->addWidget(m_window);
    row->addWidget(m_slider, 1);
    row->addWidget(m_worst);
    row->addWidget(m_original);

    m_window->setAccelerated(true);
    m_worst->setToolTip(tr("Show the window whose forecast of this channel has the largest MSE"));
    m_original->setToolTip(tr("Values in the CSV's units; off: standardized, as the metrics are"));
    m_original->setChecked(true);

    connect(m_channel, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &ForecastPanel::drawChannel);
    connect(m_window, qOverload<int>(&QSpinBox::valueChanged), this, [this](int value) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(value);
        drawWindow();
    });
    connect(m_slider, &QSlider::valueChanged, m_window, &QSpinBox::setValue);
    connect(m_worst, &QPushButton::clicked, this, [this] {
        if (m_forecast)
            m_window->setValue(m_forecast->worstWindow(channel()) + 1);
    });
    connect(m_original, &QCheckBox::toggled, this, &ForecastPanel::drawWindow);
    return controls;
}

void ForecastPanel::createWindowPlot() {
    useDateAxis(*m_windowPlot);
    m_windowPlot->setMinimumHeight(180);
    m_horizon = addForecastBand(*m_windowPlot);
    m_actual = m_windowPlot->addGraph();
    m_actual->setName(tr("actual"));
    m_predicted = m_windowPlot->addGraph();
    m_predicted->setName(tr("forecast"));
    showLegendInARow(*m_windowPlot);
    connect(m_windowPlot, &QCustomPlot::mouseMove, this, &ForecastPanel::showValueAt);
}

void ForecastPanel::createStepPlot() {
    m_stepPlot->setMinimumHeight(110);
    m_stepPlot->xAxis->setLabel(tr("forecast step"));
    m_stepPlot->yAxis->setLabel(tr("MSE (scaled)"));
    m_allStepsMse = m_stepPlot->addGraph();
    m_allStepsMse->setName(tr("all windows"));
    m_windowStepsError = m_stepPlot->addGraph();
    m_windowStepsError->setName(tr("this window"));
    showLegendInARow(*m_stepPlot);
}

QSize ForecastPanel::sizeHint() const {
    return {900, 420};
}

bool ForecastPanel::showRun(qint64 runId) {
    m_runId = runId;
    const FinishedRunFile found = findFinishedRunFile(
        m_workspace, runId, "predictions",
        tr("%1 is still training: its test forecasts appear here when it finishes."),
        tr("%1 saved no test forecasts. A forecasting run (data.kind csv) saves them when it "
           "completes its test pass; image classifiers and runs stopped or failed before the "
           "test have none."));
    if (found.path.isEmpty())
        return showMessage(found.message);
    auto forecast = std::make_unique<RunForecast>();
    QString error;
    if (!loadRunForecast(found.path, *forecast, error))
        return showMessage(
            tr("The test forecasts of %1 cannot be shown. %2").arg(found.runTitle, error));
    showForecast(std::move(forecast), found.runTitle);
    return true;
}

bool ForecastPanel::showMessage(const QString& text) {
    m_forecast.reset();
    m_title->clear();
    m_title->hide();
    m_message->setText(text);
    m_message->show();
    m_content->hide();
    return false;
}

void ForecastPanel::showForecast(std::unique_ptr<RunForecast> forecast, const QString& title) {
    const QString previousChannel = m_channel->currentText();
    const int previousWindow = m_window->value();
    m_forecast = std::move(forecast);
    const RunForecast& f = *m_forecast;
    m_title->setText(tr("%1 \u2014 %2 test windows: %3 input rows, %4 forecast steps \u2014 %5")
                         .arg(title)
                         .arg(f.windows)
                         .arg(f.seqLen)
                         .arg(f.predLen)
                         .arg(QFileInfo(f.csvPath).fileName()));
    {
        const QSignalBlocker blockChannel(m_channel);
        const QSignalBlocker blockWindow(m_window);
        const QSignalBlocker blockSlider(m_slider);
        m_channel->clear();
        m_channel->addItems(f.channels);
        // The target (last) is what most users forecast; another run of the same file keeps
        // the channel that was chosen.
        const int kept = m_channel->findText(previousChannel);
        m_channel->setCurrentIndex(kept >= 0 ? kept : m_channel->count() - 1);
        m_window->setRange(1, f.windows);
        m_window->setSuffix(tr(" of %1").arg(f.windows));
        m_window->setValue(std::min(previousWindow, f.windows));
        m_slider->setRange(1, f.windows);
        m_slider->setPageStep(std::max(1, f.predLen));
        m_slider->setValue(m_window->value());
    }
    m_title->show();
    m_message->hide();
    m_content->show();
    drawChannel();
}

int ForecastPanel::channel() const {
    return std::max(0, m_channel->currentIndex());
}

bool ForecastPanel::original() const {
    return m_original->isChecked();
}

void ForecastPanel::drawChannel() {
    if (!m_forecast)
        return;
    const auto mse = m_forecast->stepMse(channel());
    m_curves.stepMse.clear();
    for (std::size_t step = 0; step < mse.size(); ++step)
        m_curves.stepMse.emplace_back(static_cast<double>(step + 1), mse[step]);
    setGraph(*m_allStepsMse, m_curves.stepMse);
    m_stepPlot->xAxis->setRange(0.5, static_cast<double>(mse.size()) + 0.5);
    drawWindow();
}

void ForecastPanel::drawWindow() {
    if (!m_forecast)
        return;
    const RunForecast& f = *m_forecast;
    const int c = channel();
    const int window = m_window->value() - 1;
    const bool units = original();

    m_curves.actual.clear();
    for (int row = window; row < f.forecastRow(window) + f.predLen; ++row)
        m_curves.actual.emplace_back(f.timeS[static_cast<std::size_t>(row)],
                                     f.actual(row, c, units));
    m_curves.forecast.clear();
    m_curves.windowStepError.clear();
    for (int step = 0; step < f.predLen; ++step) {
        const int row = f.forecastRow(window) + step;
        m_curves.forecast.emplace_back(f.timeS[static_cast<std::size_t>(row)],
                                       f.predicted(window, step, c, units));
        m_curves.windowStepError.emplace_back(step + 1, std::pow(f.error(window, step, c), 2));
    }
    m_curves.valueLabel = units ? f.channels[c] : tr("%1 (scaled)").arg(f.channels[c]);

    const double first = m_curves.actual.front().x();
    const double last = m_curves.actual.back().x();
    setGraph(*m_actual, m_curves.actual);
    setGraph(*m_predicted, m_curves.forecast);
    m_horizon->topLeft->setCoords(m_curves.forecast.front().x(), 0.0);
    m_horizon->bottomRight->setCoords(last, 1.0);
    m_windowPlot->xAxis->setRange(first, last);
    qSharedPointerCast<QCPAxisTickerDateTime>(m_windowPlot->xAxis->ticker())
        ->setDateTimeFormat(dateFormatForSpan(last - first));
    fitValueAxis(*m_windowPlot);
    m_windowPlot->yAxis->setLabel(m_curves.valueLabel);
    m_windowPlot->replot(QCustomPlot::rpQueuedReplot);

    setGraph(*m_windowStepsError, m_curves.windowStepError);
    fitValueAxis(*m_stepPlot);
    m_stepPlot->yAxis->setRangeLower(0.0);
    m_stepPlot->replot(QCustomPlot::rpQueuedReplot);

    const bool timeOfDay = !wholeDays(m_curves.actual);
    m_summary->setText(
        tr("Input %1 \u2013 %2, forecast %3 \u2013 %4. This window's %5: MSE %6, "
           "MAE %7 (scaled, as the test metrics are).")
            .arg(dateText(first, timeOfDay),
                 dateText(m_curves.actual[static_cast<std::size_t>(f.seqLen - 1)].x(), timeOfDay),
                 dateText(m_curves.forecast.front().x(), timeOfDay), dateText(last, timeOfDay),
                 f.channels[c])
            .arg(f.windowMse(window, c), 0, 'g', 4)
            .arg(f.windowMae(window, c), 0, 'g', 4));
}

QString ForecastPanel::describeTime(double timeS) const {
    const auto& actual = m_curves.actual;
    if (!m_forecast || actual.empty())
        return {};
    auto it = std::lower_bound(actual.begin(), actual.end(), timeS,
                               [](const QPointF& p, double t) { return p.x() < t; });
    if (it == actual.end() || (it != actual.begin() && timeS - (it - 1)->x() < it->x() - timeS))
        --it;
    QString text = tr("%1 \u00b7 actual %2")
                       .arg(dateText(it->x(), !wholeDays(actual)))
                       .arg(it->y(), 0, 'g', 5);
    const auto step = (it - actual.begin()) - m_forecast->seqLen;
    if (step >= 0)
        text += tr(" \u00b7 forecast %1 (step %2)")
                    .arg(m_curves.forecast[static_cast<std::size_t>(step)].y(), 0, 'g', 5)
                    .arg(step + 1);
    return text;
}

void ForecastPanel::showValueAt(QMouseEvent* event) {
    if (!m_windowPlot->axisRect()->rect().contains(event->pos())) {
        QToolTip::hideText();
        return;
    }
    const QString text = describeTime(m_windowPlot->xAxis->pixelToCoord(event->pos().x()));
    QToolTip::showText(event->globalPosition().toPoint(), text, m_windowPlot);
}

void ForecastPanel::restyle() {
    const bool dark = isDark(palette());
    applyPlotPalette(*m_windowPlot, palette());
    applyPlotPalette(*m_stepPlot, palette());
    QColor actual = palette().color(QPalette::WindowText);
    actual.setAlphaF(0.85);
    m_actual->setPen(QPen(actual, 1.4));
    m_predicted->setPen(QPen(seriesColor(QStringLiteral("val"), 0, dark), 1.8));
    QColor horizon = seriesColor(QStringLiteral("val"), 0, dark);
    horizon.setAlphaF(dark ? 0.10 : 0.08);
    m_horizon->setBrush(horizon);
    m_allStepsMse->setPen(QPen(seriesColor(QStringLiteral("test"), 0, dark), 1.6));
    QColor windowError = seriesColor(QStringLiteral("val"), 0, dark);
    windowError.setAlphaF(0.6);
    m_windowStepsError->setPen(QPen(windowError, 1.0));
}

void ForecastPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        restyle();
        m_windowPlot->replot(QCustomPlot::rpQueuedReplot);
        m_stepPlot->replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace tb::ui
