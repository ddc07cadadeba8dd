#include "ui/dataset/ImageDatasetView.h"

#include "ui/charts/PlotStyle.h"
#include "ui/dataset/IdxImageSet.h"
#include "ui/dataset/ImageFileCheck.h"
#include "ui/dataset/LabelHistogram.h"
#include "ui/dataset/SampleGridModel.h"
#include "ui/dataset/SplitBar.h"
#include "ui/dataset/ThumbnailGrid.h"
#include "ui/theme/AccentColors.h"
#include "ui/util/Format.h"
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

namespace {

/// The engine's messages of the first ten files, and how many more there are.
QString firstProblems(const QList<ImageFileCheck::Unreadable>& unreadable) {
    constexpr qsizetype kListed = 10;
    QStringList lines;
    for (const ImageFileCheck::Unreadable& file : unreadable)
        lines << file.problem;
    return firstLines(lines, kListed + 1).join(QLatin1Char('\n'));
}

} // namespace

ImageDatasetView::ImageDatasetView(QWidget* parent)
    : QWidget(parent)
    , m_title(new TitleLabel(this))
    , m_splitBar(new SplitBar(this))
    , m_split(new QComboBox(this))
    , m_class(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_grid(new QListView(this))
    , m_samples(new SampleGridModel(this))
    , m_fileCheck(new ImageFileCheck(this))
    , m_histogram(new LabelHistogram(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
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
    connect(m_fileCheck, &ImageFileCheck::progressed, this, &ImageDatasetView::updateCount);

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
            for (const ImageSplit& split : m_dataset->splits)
                m_split->addItem(splitChoice(split));
            m_class->addItem(tr("All classes"), -1);
            for (int c = 0; c < m_dataset->classCount(); ++c)
                m_class->addItem(QStringLiteral("%1  %2").arg(c).arg(m_dataset->classNames[c]), c);
        }
    }
    m_title->setTitle(title());
    m_histogram->setDataset(m_dataset.get());
    updateSplitBar();
    showSamples();
    m_fileCheck->check(m_dataset);
}

QString ImageDatasetView::title() const {
    if (!m_dataset)
        return {};
    const ImageSplit& first = m_dataset->splits.front();
    if (!first.isFiles())
        return tr("%1 \u2014 %2 classes, %3\u00d7%4 images \u2014 %5")
            .arg(m_dataset->title)
            .arg(m_dataset->classCount())
            .arg(first.rows)
            .arg(first.cols)
            .arg(m_dataset->location);
    qint64 images = 0;
    for (const ImageSplit& split : m_dataset->splits)
        images += split.count;
    const QString color = first.channels == 1 ? tr("gray") : tr("RGB");
    const QString look = first.rows > 0
                             ? tr("seen by the model as %1\u00d7%1 %2").arg(first.rows).arg(color)
                             : tr("seen by the model in %1 at their own size").arg(color);
    return tr("%1 \u2014 %2 classes, %3 images %4 \u2014 %5")
        .arg(m_dataset->title)
        .arg(m_dataset->classCount())
        .arg(QLocale().toString(images), look, m_dataset->location);
}

QString ImageDatasetView::splitName(const ImageSplit& split) const {
    if (split.name == QLatin1String("train"))
        return tr("Train");
    if (split.name == QLatin1String("val"))
        return tr("Validation");
    if (split.name == QLatin1String("test"))
        return tr("Test");
    return split.name;
}

QString ImageDatasetView::splitChoice(const ImageSplit& split) const {
    if (m_dataset->trainHoldsValidation && split.name == QLatin1String("train"))
        return tr("Train files (train + validation)");
    if (split.name == QLatin1String("test") && split.source.isEmpty())
        return tr("Test files");
    const QString name = splitName(split);
    return split.source.isEmpty() ? name : tr("%1 (%2)").arg(name, split.source);
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
    setThumbnailSize(*m_grid, m_samples->thumbnailSize());
    updateCount();
}

void ImageDatasetView::updateCount() {
    const QLocale locale;
    const QString samples = tr("%1 samples").arg(locale.toString(m_samples->rowCount()));
    const qint64 total = m_fileCheck->total();
    const QList<ImageFileCheck::Unreadable>& unreadable = m_fileCheck->unreadable();
    m_count->setStyleSheet(unreadable.isEmpty()
                               ? QString()
                               : QStringLiteral("color: %1;").arg(accent::kProblem.name()));
    if (total == 0 || (m_fileCheck->finished() && unreadable.isEmpty())) {
        m_count->setText(samples);
        m_count->setToolTip(total == 0 ? QString()
                                       : tr("Every image file reads as training will read it."));
        return;
    }
    if (unreadable.isEmpty()) {
        m_count->setText(
            tr("%1 \u00b7 reading every image: %2 of %3")
                .arg(samples, locale.toString(m_fileCheck->checked()), locale.toString(total)));
        m_count->setToolTip(tr("A run reads every image file before it starts and does not "
                               "start while any cannot be read: this finds them first."));
        return;
    }
    // Training decodes every image before it starts and refuses the folder over one of them.
    const QString found =
        m_fileCheck->finished()
            ? tr("%1 of %2 image files cannot be read")
                  .arg(locale.toString(unreadable.size()), locale.toString(total))
            : tr("%1 image files cannot be read (%2 of %3 read)")
                  .arg(locale.toString(unreadable.size()), locale.toString(m_fileCheck->checked()),
                       locale.toString(total));
    m_count->setText(tr("%1 \u00b7 %2: training would refuse this folder").arg(samples, found));
    m_count->setToolTip(tr("Replace or delete these files: a run reads every image when it "
                           "starts and does not start while any cannot be read.\n\n") +
                        firstProblems(unreadable));
}

void ImageDatasetView::updateSplitBar() {
    std::vector<SplitBar::Segment> segments;
    if (m_dataset) {
        const bool dark = isDark(palette());
        for (const ImageSplit& split : m_dataset->splits) {
            if (!m_dataset->trainHoldsValidation || split.name != QLatin1String("train")) {
                // Train and validation take their own colours; test, or a file opened by hand,
                // the test's.
                const bool own =
                    split.name == QLatin1String("train") || split.name == QLatin1String("val");
                segments.push_back({splitName(split), split.count,
                                    seriesColor(own ? split.name : QStringLiteral("test"), 0, dark),
                                    split.source});
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
