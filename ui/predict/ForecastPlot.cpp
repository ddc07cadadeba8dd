#include "ui/predict/ForecastPlot.h"

#include "ui/charts/ForecastAxes.h"
#include "ui/charts/PlotStyle.h"
#include "ui/charts/ValueAxis.h"
#include "ui/util/Format.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace tb::ui {
namespace {

/// Seconds since 1970 of a `YYYY-MM-DD HH:MM:SS` date without a zone, read as UTC so that the
/// axis shows it as written.
double secondsOf(const std::string& date) {
    QDateTime parsed =
        QDateTime::fromString(toQString(date), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    parsed.setTimeSpec(Qt::UTC);
    return static_cast<double>(parsed.toSecsSinceEpoch());
}

/// Column `column` of `rows` against the dates.
void setColumn(QCPGraph& graph, const std::vector<std::string>& dates,
               const std::vector<std::vector<double>>& rows, int column) {
    QVector<double> keys, values;
    for (std::size_t r = 0; r < rows.size() && r < dates.size(); ++r) {
        keys << secondsOf(dates[r]);
        values << rows[r][static_cast<std::size_t>(column)];
    }
    graph.setData(keys, values, true);
}

} // namespace

ForecastPlot::ForecastPlot(QWidget* parent)
    : QWidget(parent)
    , m_channel(new QComboBox(this))
    , m_plot(new QCustomPlot(this))
    , m_summary(new QLabel(this)) {
    useDateAxis(*m_plot);
    m_plot->setMinimumHeight(220);
    m_horizon = addForecastBand(*m_plot);
    m_read = m_plot->addGraph();
    m_read->setName(tr("rows read"));
    m_actual = m_plot->addGraph();
    m_actual->setName(tr("actual"));
    m_forecast = m_plot->addGraph();
    m_forecast->setName(tr("forecast"));
    showLegendInARow(*m_plot);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Channel"), this));
    controls->addWidget(m_channel);
    controls->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_summary);
    connect(m_channel, qOverload<int>(&QComboBox::currentIndexChanged), this, &ForecastPlot::draw);
    restyle();
}

void ForecastPlot::setPrediction(std::shared_ptr<const tb::engine::Prediction> prediction) {
    m_prediction = std::move(prediction);
    const QSignalBlocker block(m_channel);
    m_channel->clear();
    if (m_prediction) {
        // The target is the last column: it comes first.
        const auto& columns = m_prediction->forecast.columns;
        for (auto it = columns.rbegin(); it != columns.rend(); ++it)
            m_channel->addItem(toQString(*it), static_cast<int>(columns.rend() - it - 1));
    }
    m_channel->setEnabled(m_channel->count() > 1);
    draw();
}

void ForecastPlot::draw() {
    const int column = m_channel->currentData().toInt();
    if (!m_prediction || m_channel->count() == 0) {
        for (QCPGraph* graph : {m_read, m_actual, m_forecast})
            graph->data()->clear();
        m_summary->clear();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const tb::engine::Forecast& f = m_prediction->forecast;
    setColumn(*m_read, f.inputDates, f.inputValues, column);
    setColumn(*m_forecast, f.dates, f.values, column);
    setColumn(*m_actual, f.dates, f.actual, column);
    m_actual->removeFromLegend();
    if (!f.actual.empty())
        m_actual->addToLegend();
    const double first = secondsOf(f.inputDates.front());
    const double last = secondsOf(f.dates.back());
    m_horizon->topLeft->setCoords(secondsOf(f.dates.front()), 0.0);
    m_horizon->bottomRight->setCoords(last, 1.0);
    m_plot->xAxis->setRange(first, last);
    qSharedPointerCast<QCPAxisTickerDateTime>(m_plot->xAxis->ticker())
        ->setDateTimeFormat(dateFormatForSpan(last - first));
    fitValueAxis(*m_plot);
    m_plot->yAxis->setLabel(m_channel->currentText());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    QString summary = tr("%1 rows read up to %2; %3 forecast, %4 \u2013 %5.")
                          .arg(f.inputDates.size())
                          .arg(toQString(f.lastInputDate))
                          .arg(f.dates.size())
                          .arg(toQString(f.dates.front()), toQString(f.dates.back()));
    if (!f.actual.empty())
        summary +=
            ' ' + tr("The file has the actual values of the first %1.")
                      .arg(countOf(static_cast<long long>(f.actual.size()), tr("row"), tr("rows")));
    m_summary->setText(summary);
}

void ForecastPlot::restyle() {
    const bool dark = isDark(palette());
    applyPlotPalette(*m_plot, palette());
    QColor read = palette().color(QPalette::WindowText);
    read.setAlphaF(0.85);
    m_read->setPen(QPen(read, 1.4));
    QColor actual = read;
    actual.setAlphaF(0.5);
    m_actual->setPen(QPen(actual, 1.4, Qt::DashLine));
    m_forecast->setPen(QPen(seriesColor(QStringLiteral("val"), 0, dark), 1.8));
    QColor horizon = seriesColor(QStringLiteral("val"), 0, dark);
    horizon.setAlphaF(dark ? 0.10 : 0.08);
    m_horizon->setBrush(horizon);
}

void ForecastPlot::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        restyle();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace tb::ui
