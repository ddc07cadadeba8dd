#include "ui/dataset/ImageDatasetView.h"

#include "ui/charts/PlotStyle.h"
#include "ui/dataset/IdxImageSet.h"
#include "ui/dataset/LabelHistogram.h"
#include "ui/dataset/SampleGridModel.h"
#include "ui/dataset/SplitBar.h"
#include "ui/dataset/ThumbnailGrid.h"
#include "ui/util/TitleLabel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QSignalBlocker>
#include <QSplitter>
#include <QVBoxLayout>
#include <cmath>

namespace tb::ui {

ImageDatasetView::ImageDatasetView(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_splitBar(new SplitBar(this))
    , m_split(new QComboBox(this))
    , m_class(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_grid(new QListView(this))
    , m_samples(new SampleGridModel(this))
    , m_histogram(new LabelHistogram(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    styleAsTitle(m_title);
    layout->addWidget(m_title);
    layout->addWidget(m_splitBar);

    auto* filters = new QHBoxLayout;
    auto* splitLabel = new QLabel(tr("S&how:"), this);
    splitLabel->setBuddy(m_split);
    auto* classLabel = new QLabel(tr("C&lass:"), this);
    classLabel->setBuddy(m_class);
    filters->addWidget(splitLabel);
    filters->addWidget(m_split);
    filters->addSpacing(8);
    filters->addWidget(classLabel);
    filters->addWidget(m_class);
    filters->addStretch(1);
    filters->addWidget(m_count);
    layout->addLayout(filters);

    setUpThumbnailGrid(*m_grid);
    m_grid->setModel(m_samples);

    // Side by side: the dataset usually lives in a wide, short dock under the charts.
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_grid);
    splitter->addWidget(m_histogram);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);

    connect(m_split, &QComboBox::currentIndexChanged, this, &ImageDatasetView::showSamples);
    connect(m_class, &QComboBox::currentIndexChanged, this, &ImageDatasetView::showSamples);
}

ImageDatasetView::~ImageDatasetView() = default;

void ImageDatasetView::setDataset(std::shared_ptr<const ImageDataset> dataset) {
    m_samples->showSplit(nullptr, 0, -1);
    m_dataset = std::move(dataset);
    {
        const QSignalBlocker splitBlocker(m_split);
        const QSignalBlocker classBlocker(m_class);
        m_split->clear();
        m_class->clear();
        if (m_dataset) {
            for (const ImageSplit& split : m_dataset->splits) {
                const QString text = split.name == QLatin1String("train")
                                         ? tr("Train files (train + validation)")
                                     : split.name == QLatin1String("test") ? tr("Test files")
                                                                           : split.name;
                m_split->addItem(text);
            }
            m_class->addItem(tr("All classes"), -1);
            for (int c = 0; c < m_dataset->classCount(); ++c)
                m_class->addItem(QStringLiteral("%1  %2").arg(c).arg(m_dataset->classNames[c]), c);
        }
    }
    if (m_dataset) {
        const ImageSplit& first = m_dataset->splits.front();
        m_title->setText(tr("%1 \u2014 %2 classes, %3\u00d7%4 images \u2014 %5")
                             .arg(m_dataset->title)
                             .arg(m_dataset->classCount())
                             .arg(first.rows)
                             .arg(first.cols)
                             .arg(m_dataset->location));
    } else {
        m_title->clear();
    }
    m_histogram->setDataset(m_dataset.get());
    updateSplitBar();
    showSamples();
}

void ImageDatasetView::setValFraction(double fraction) {
    m_valFraction = fraction;
    updateSplitBar();
}

void ImageDatasetView::showSamples() {
    if (!m_dataset)
        return;
    const int classFilter = m_class->currentData().isValid() ? m_class->currentData().toInt() : -1;
    m_samples->showSplit(m_dataset.get(), std::max(0, m_split->currentIndex()), classFilter);
    m_count->setText(tr("%1 samples").arg(QLocale().toString(m_samples->rowCount())));
}

void ImageDatasetView::updateSplitBar() {
    std::vector<SplitBar::Segment> segments;
    if (m_dataset) {
        const bool dark = isDark(palette());
        for (const ImageSplit& split : m_dataset->splits) {
            if (split.name != QLatin1String("train")) {
                segments.push_back({split.name == QLatin1String("test") ? tr("Test") : split.name,
                                    split.count, seriesColor(QStringLiteral("test"), 0, dark)});
                continue;
            }
            // The engine rounds the same way when it holds out the validation samples.
            const auto val = static_cast<qint64>(std::llround(m_valFraction * split.count));
            segments.push_back({tr("Train"), split.count - val, seriesColor("train", 0, dark)});
            if (val > 0)
                segments.push_back({tr("Validation"), val, seriesColor("val", 0, dark)});
        }
    }
    m_splitBar->setSegments(std::move(segments));
}

} // namespace tb::ui
