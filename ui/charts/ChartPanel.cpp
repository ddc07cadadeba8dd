#include "ui/charts/ChartPanel.h"

#include "engine/store/TestedRun.h"
#include "ui/charts/DeviceChart.h"
#include "ui/charts/MetricChart.h"
#include "ui/charts/RunLegend.h"
#include "ui/charts/TestFigures.h"
#include "ui/theme/AccentColors.h"
#include "ui/trace/RunTrace.h"
#include "ui/util/TitleLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSettings>
#include <QSlider>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace tb::ui {

namespace {

constexpr int kColumns = 2;

/// Compared runs: train beside validation, then test, then anything else.
int splitRank(const QString& split) {
    const QStringList order{"train", "val", "test"};
    const auto rank = order.indexOf(split);
    return rank < 0 ? static_cast<int>(order.size()) : static_cast<int>(rank);
}

} // namespace

ChartPanel::ChartPanel(QWidget* parent)
    : QWidget(parent)
    , m_title(new TitleLabel(this))
    , m_reason(new QLabel(this))
    , m_placeholder(new QLabel(this))
    , m_noMetrics(new QLabel(this))
    , m_testFigures(new TestFigures(this))
    , m_legend(new RunLegend(this))
    , m_stack(new QStackedWidget(this))
    , m_chartArea(new QWidget(this))
    , m_grid(new QGridLayout(m_chartArea)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(createControls());
    m_reason->setObjectName(QStringLiteral("statusReason"));
    m_reason->setWordWrap(true);
    m_reason->setTextFormat(Qt::PlainText);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reason->hide();
    layout->addWidget(m_reason);
    layout->addWidget(m_legend);
    m_legend->hide();
    connect(m_legend, &RunLegend::runShownChanged, this, [this](int run, bool shown) {
        for (MetricChart* chart : m_metricCharts)
            chart->setRunShown(static_cast<std::size_t>(run), shown);
    });

    m_placeholder->setText(
        tr("<p style='font-size:large'>No run to show yet.</p>"
           "<p>Press <b>Train</b> (Ctrl+Return) to start the experiment in the config editor,"
           "<br>or double-click a run in the Runs panel to open its charts.</p>"));
    for (QLabel* label : {m_placeholder, m_noMetrics}) {
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(true);
        label->setEnabled(false);
    }
    m_noMetrics->setObjectName(QStringLiteral("noMetrics"));
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_chartArea);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(8);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(scroll);
    m_stack->addWidget(m_testFigures);
    m_stack->addWidget(m_noMetrics);
    layout->addWidget(m_stack, 1);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &ChartPanel::refreshNow);
}

QWidget* ChartPanel::createControls() {
    auto* titleBar = new QWidget(this);
    auto* titleRow = new QHBoxLayout(titleBar);
    titleRow->setContentsMargins(0, 0, 0, 0);
    titleRow->addWidget(m_title, 1);
    // What only charts use: hidden over a test's figures.
    auto* bar = new QWidget(titleBar);
    m_chartControls = bar;
    titleRow->addWidget(bar);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);

    QSettings settings;
    m_xAxis = new QComboBox(bar);
    m_xAxis->addItem(tr("Step"), static_cast<int>(XAxisMode::Step));
    m_xAxis->addItem(tr("Epoch"), static_cast<int>(XAxisMode::Epoch));
    m_xAxis->addItem(tr("Wall time"), static_cast<int>(XAxisMode::WallTime));
    m_xAxis->setCurrentIndex(std::clamp(settings.value("charts/xAxis", 0).toInt(), 0, 2));
    m_xAxis->setToolTip(tr("What the horizontal axis of every chart counts"));
    auto* xLabel = new QLabel(tr("&X axis:"), bar);
    xLabel->setBuddy(m_xAxis);
    row->addWidget(xLabel);
    row->addWidget(m_xAxis);

    m_smoothingSlider = new QSlider(Qt::Horizontal, bar);
    m_smoothingSlider->setRange(0, 99);
    m_smoothingSlider->setValue(settings.value("charts/smoothing", 60).toInt());
    m_smoothingSlider->setFixedWidth(120);
    m_smoothingSlider->setToolTip(
        tr("Exponential moving average of per-step curves; the raw curve stays faint behind "
           "it. Per-epoch values are drawn as points and never smoothed."));
    m_smoothingValue = new QLabel(bar);
    m_smoothingValue->setMinimumWidth(m_smoothingValue->fontMetrics().horizontalAdvance("0.00"));
    auto* smoothLabel = new QLabel(tr("&Smoothing:"), bar);
    smoothLabel->setBuddy(m_smoothingSlider);
    row->addSpacing(12);
    row->addWidget(smoothLabel);
    row->addWidget(m_smoothingSlider);
    row->addWidget(m_smoothingValue);

    m_logScale = new QCheckBox(tr("&Log scale"), bar);
    m_logScale->setChecked(settings.value("charts/logScale", false).toBool());
    m_logScale->setToolTip(tr("Logarithmic value axis for the metric charts"));
    row->addSpacing(12);
    row->addWidget(m_logScale);

    auto* reset = new QToolButton(bar);
    reset->setText(tr("Reset &zoom"));
    reset->setToolTip(tr("Show all data and follow new points again (or double-click a chart). "
                         "Drag to pan, wheel to zoom."));
    row->addWidget(reset);

    m_smoothingValue->setText(QString::number(smoothing(), 'f', 2));
    connect(m_xAxis, &QComboBox::currentIndexChanged, this, [this] {
        forEachChart([mode = xAxisMode()](TraceChart& c) { c.setXAxisMode(mode); });
        saveSettings();
    });
    connect(m_smoothingSlider, &QSlider::valueChanged, this, [this] {
        m_smoothingValue->setText(QString::number(smoothing(), 'f', 2));
        for (MetricChart* chart : m_metricCharts)
            chart->setSmoothing(smoothing());
        saveSettings();
    });
    connect(m_logScale, &QCheckBox::toggled, this, [this](bool on) {
        for (MetricChart* chart : m_metricCharts)
            chart->setLogScale(on);
        saveSettings();
    });
    connect(reset, &QToolButton::clicked, this,
            [this] { forEachChart([](TraceChart& c) { c.resetView(); }); });
    return titleBar;
}

void ChartPanel::setTrace(RunTrace* trace) {
    setTraces(trace ? std::vector<RunTrace*>{trace} : std::vector<RunTrace*>{});
}

void ChartPanel::setTraces(const std::vector<RunTrace*>& traces) {
    for (RunTrace* trace : m_traces)
        disconnect(trace, nullptr, this, nullptr);
    m_traces = traces;
    for (RunTrace* trace : m_traces) {
        connect(trace, &RunTrace::cleared, this, &ChartPanel::rebuildCharts);
        connect(trace, &RunTrace::appended, this, &ChartPanel::scheduleRefresh);
        connect(trace, &QObject::destroyed, this, [this, trace] {
            m_traces.erase(std::remove(m_traces.begin(), m_traces.end(), trace), m_traces.end());
            updateLegend();
            rebuildCharts();
        });
    }
    updateLegend();
    rebuildCharts();
}

QString ChartPanel::noMetricsText() const {
    if (comparing())
        return tr("<p style='font-size:large'>None of the %n runs recorded a metric.</p>"
                  "<p>They ended before their first logged step: the table has what they "
                  "recorded.</p>",
                  nullptr, static_cast<int>(m_traces.size()));
    const RunTrace::Info& info = trace()->info();
    if (info.runId == 0 || info.status == QLatin1String("running"))
        return tr("<p style='font-size:large'>Waiting for the run's first metrics\u2026</p>"
                  "<p>The loss comes every <b>train.log_every</b> steps, the device's readings "
                  "as soon as telemetry takes one.</p>");
    return tr("<p style='font-size:large'>Run %1 recorded no metrics.</p>"
              "<p>It ended before its first logged step; its log says why.</p>")
        .arg(info.runId);
}

void ChartPanel::updateLegend() {
    m_legend->setTraces(comparing() ? std::vector<const RunTrace*>(m_traces.begin(), m_traces.end())
                                    : std::vector<const RunTrace*>{});
    m_legend->setVisible(comparing());
}

void ChartPanel::setPlaceholderText(const QString& html) {
    m_placeholder->setText(html);
}

void ChartPanel::setXAxisMode(XAxisMode mode) {
    m_xAxis->setCurrentIndex(m_xAxis->findData(static_cast<int>(mode)));
}

XAxisMode ChartPanel::xAxisMode() const {
    return static_cast<XAxisMode>(m_xAxis->currentData().toInt());
}

void ChartPanel::setSmoothing(double weight) {
    m_smoothingSlider->setValue(static_cast<int>(std::lround(weight * 100)));
}

double ChartPanel::smoothing() const {
    return m_smoothingSlider->value() / 100.0;
}

void ChartPanel::setLogScale(bool on) {
    m_logScale->setChecked(on);
}

MetricChart* ChartPanel::metricChart(const QString& metric, const QString& split) const {
    for (MetricChart* chart : m_metricCharts) {
        if (chart->metricName() == metric && chart->split() == split)
            return chart;
    }
    return nullptr;
}

void ChartPanel::scheduleRefresh() {
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void ChartPanel::refreshNow() {
    m_refreshTimer.stop();
    if (addMissingCharts())
        layoutCharts();
    updateTitle();
    forEachChart([](TraceChart& c) { c.refresh(); });
}

void ChartPanel::rebuildCharts() {
    m_refreshTimer.stop();
    for (MetricChart* chart : m_metricCharts)
        delete chart;
    m_metricCharts.clear();
    delete m_deviceChart;
    m_deviceChart = nullptr;
    refreshNow();
}

bool ChartPanel::addMissingCharts() {
    bool added = false;
    const std::vector<const RunTrace*> traces(m_traces.begin(), m_traces.end());
    for (const RunTrace* trace : traces) {
        for (const auto& [name, series] : trace->metrics()) {
            // best/val/loss repeats the best point of val/loss: a chart of one point says
            // nothing.
            if (name.startsWith(QLatin1String("best/")))
                continue;
            const QString metric = MetricChart::metricOf(name);
            // Compared runs get a chart per split: one line per run stays readable.
            const QString split = comparing() ? MetricChart::splitOf(name) : QString();
            if (metricChart(metric, split))
                continue;
            auto* chart = new MetricChart(traces, metric, split, m_chartArea);
            for (std::size_t run = 0; run < traces.size(); ++run)
                chart->setRunShown(run, m_legend->isRunShown(static_cast<int>(run)));
            chart->setXAxisMode(xAxisMode());
            chart->setSmoothing(smoothing());
            if (m_logScale->isChecked())
                chart->setLogScale(true);
            m_metricCharts.push_back(chart);
            added = true;
        }
    }
    if (!m_deviceChart && m_traces.size() == 1 && !m_traces.front()->devices().empty()) {
        m_deviceChart = new DeviceChart(*m_traces.front(), m_chartArea);
        m_deviceChart->setXAxisMode(xAxisMode());
        added = true;
    }
    if (added) {
        forEachChart([this](TraceChart& c) {
            disconnect(&c, &TraceChart::xRangeChangedByUser, this, nullptr);
            connect(&c, &TraceChart::xRangeChangedByUser, this,
                    [this, chart = &c](double lo, double hi) { linkXRange(chart, lo, hi); });
        });
    }
    return added;
}

void ChartPanel::layoutCharts() {
    std::stable_sort(m_metricCharts.begin(), m_metricCharts.end(),
                     [](const MetricChart* a, const MetricChart* b) {
                         const int ra = MetricChart::rankOf(a->metricName());
                         const int rb = MetricChart::rankOf(b->metricName());
                         if (ra != rb)
                             return ra < rb;
                         if (a->metricName() != b->metricName())
                             return a->metricName() < b->metricName();
                         return splitRank(a->split()) < splitRank(b->split());
                     });
    std::vector<TraceChart*> ordered(m_metricCharts.begin(), m_metricCharts.end());
    // The device chart sits beside the loss: the two things watched while training.
    if (m_deviceChart)
        ordered.insert(ordered.begin() + std::min<std::size_t>(1, ordered.size()), m_deviceChart);
    for (std::size_t i = 0; i < ordered.size(); ++i) {
        m_grid->addWidget(ordered[i], static_cast<int>(i) / kColumns,
                          static_cast<int>(i) % kColumns);
    }
    for (int row = 0; row < m_grid->rowCount(); ++row)
        m_grid->setRowStretch(row, 1);
}

void ChartPanel::linkXRange(TraceChart* source, double lower, double upper) {
    forEachChart([&](TraceChart& c) {
        if (&c != source)
            c.setXRange(lower, upper);
    });
}

void ChartPanel::updateTitle() {
    const bool hasCharts = !m_metricCharts.empty() || m_deviceChart;
    const bool testedOnly = !comparing() && trace() && TestFigures::testedOnly(*trace());
    if (testedOnly)
        m_testFigures->showFigures(*trace());
    m_chartControls->setVisible(!testedOnly);
    QWidget* page = m_placeholder;
    if (testedOnly)
        page = m_testFigures;
    else if (hasCharts)
        page = m_stack->widget(1);
    else if (!m_traces.empty())
        page = m_noMetrics;
    if (page == m_noMetrics)
        m_noMetrics->setText(noMetricsText());
    m_stack->setCurrentWidget(page);
    showStatusReason();
    if (comparing()) {
        m_title->setTitle(tr("%n runs compared", nullptr, static_cast<int>(m_traces.size())));
        return;
    }
    const RunTrace* shown = trace();
    if (!shown || shown->info().runId == 0) {
        m_title->setTitle(shown ? tr("Preparing run...") : tr("Charts"));
        return;
    }
    const RunTrace::Info& info = shown->info();
    const QString device = info.precision.isEmpty()
                               ? info.device
                               : info.device + QStringLiteral(" \u00b7 ") + info.precision;
    // As the runs list has it.
    const QString status = testedOnly ? QString::fromUtf8(tb::engine::kTestedStatus) : info.status;
    m_title->setTitle(
        tr("Run %1 \u00b7 %2 \u00b7 %3 \u00b7 %4").arg(info.runId).arg(info.name, device, status));
}

void ChartPanel::showStatusReason() {
    const RunTrace* shown = comparing() ? nullptr : trace();
    QString reason = shown ? shown->info().statusReason : QString();
    m_reason->setVisible(!reason.isEmpty());
    if (reason.isEmpty())
        return;
    const bool failed = shown->info().status == QLatin1String("failed");
    reason[0] = reason[0].toUpper();
    m_reason->setText(failed ? tr("Failed: %1").arg(reason) : reason);
    m_reason->setStyleSheet(failed ? QStringLiteral("color: %1").arg(accent::kProblem.name())
                                   : QString());
}

void ChartPanel::forEachChart(const std::function<void(TraceChart&)>& apply) {
    for (MetricChart* chart : m_metricCharts)
        apply(*chart);
    if (m_deviceChart)
        apply(*m_deviceChart);
}

void ChartPanel::saveSettings() const {
    QSettings settings;
    settings.setValue("charts/xAxis", m_xAxis->currentIndex());
    settings.setValue("charts/smoothing", m_smoothingSlider->value());
    settings.setValue("charts/logScale", m_logScale->isChecked());
}

} // namespace tb::ui
