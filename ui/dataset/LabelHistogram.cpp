#include "ui/dataset/LabelHistogram.h"

#include "ui/charts/PlotStyle.h"
#include "ui/dataset/IdxImageSet.h"

#include <QEvent>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace tb::ui {

LabelHistogram::LabelHistogram(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumSize(240, 120);
    // The split bar above already names the colours; a legend would cover the bars.
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0,
                                     new QCPTextElement(m_plot, tr("Samples per class"),
                                                        QFont(font().family(), -1, QFont::Bold)));
    m_plot->xAxis->setTickLabelRotation(60);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_plot->xAxis->setTickLabelFont(small);
    m_plot->yAxis->setTickLabelFont(small);
    applyPlotPalette(*m_plot, palette());
}

void LabelHistogram::setDataset(const ImageDataset* dataset) {
    m_dataset = dataset;
    m_plot->clearPlottables();
    if (!dataset) {
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const int classes = dataset->classCount();
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int c = 0; c < classes; ++c)
        ticker->addTick(c, dataset->classNames.value(c));
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setRange(-0.6, classes - 0.4);

    auto* group = new QCPBarsGroup(m_plot);
    group->setSpacing(0);
    const double width = 0.8 / std::max<std::size_t>(1, dataset->splits.size());
    double tallest = 0;
    const bool dark = isDark(palette());
    QStringList tooltip;
    for (std::size_t s = 0; s < dataset->splits.size(); ++s) {
        const ImageSplit& split = dataset->splits[s];
        QVector<double> keys(classes);
        QVector<double> counts(classes, 0.0);
        for (int c = 0; c < classes; ++c)
            keys[c] = c;
        for (const int label : split.labels) {
            if (label >= 0 && label < classes)
                counts[label] += 1;
        }
        auto* bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        bars->setName(split.name);
        bars->setWidth(width);
        bars->setBarsGroup(group);
        // An image folder's val split gets its own colour; anything else reads as training.
        const bool known =
            split.name == QLatin1String("test") || split.name == QLatin1String("val");
        const QColor color =
            seriesColor(known ? split.name : QStringLiteral("train"), static_cast<int>(s), dark);
        bars->setPen(Qt::NoPen);
        bars->setBrush(color);
        bars->setData(keys, counts, true);
        for (double v : counts)
            tallest = std::max(tallest, v);
        QStringList perClass;
        for (int c = 0; c < classes; ++c)
            perClass << QStringLiteral("%1 %2").arg(dataset->classNames.value(c)).arg(counts[c]);
        tooltip
            << QStringLiteral("<b>%1</b>: %2").arg(split.name, perClass.join(QStringLiteral(", ")));
    }
    setToolTip(tooltip.join(QStringLiteral("<br>")));
    m_plot->yAxis->setRange(0, tallest * 1.15 + 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LabelHistogram::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPlotPalette(*m_plot, palette());
        setDataset(m_dataset);
    }
}

} // namespace tb::ui
