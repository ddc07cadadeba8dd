#include "ui/classes/CellSamplesModel.h"

#include "ui/classes/RunClasses.h"
#include "ui/dataset/IdxImageSet.h"
#include "ui/dataset/SampleThumbnails.h"
#include "ui/util/Format.h"

#include <QPixmap>
#include <algorithm>

namespace tb::ui {

namespace {

constexpr int kTopClasses = 3;

} // namespace

CellSamplesModel::CellSamplesModel(QObject* parent)
    : QAbstractListModel(parent)
    , m_thumbnails(new SampleThumbnails(this)) {
    connect(m_thumbnails, &SampleThumbnails::ready, this, &CellSamplesModel::thumbnailsReady);
}

void CellSamplesModel::showCell(const RunClasses* classes, const ImageSplit* images, int trueClass,
                                int predictedClass) {
    beginResetModel();
    m_classes = classes;
    m_images = images;
    m_predictedClass = predictedClass;
    m_samples = classes ? classes->samplesOf(trueClass, predictedClass) : std::vector<int>{};
    // The images of the cell shown before need not be decoded any more.
    m_thumbnails->setSplit(images);
    endResetModel();
}

QSize CellSamplesModel::thumbnailSize() const {
    return m_thumbnails->size();
}

int CellSamplesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_samples.size());
}

QVariant CellSamplesModel::data(const QModelIndex& index, int role) const {
    if (!m_classes || !index.isValid() || index.row() >= rowCount())
        return {};
    const int sample = m_samples[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DecorationRole:
        return m_images ? QVariant(m_thumbnails->thumbnail(sample)) : QVariant();
    case Qt::DisplayRole:
        return formatPercent(m_classes->probability(sample, m_predictedClass));
    case Qt::ToolTipRole:
        return toolTip(sample);
    case kSampleIndexRole:
        return sample;
    default:
        return {};
    }
}

QString CellSamplesModel::toolTip(int sample) const {
    const int label = m_classes->labels[static_cast<std::size_t>(sample)];
    QString text = tr("Test image #%1, a %2:").arg(sample).arg(m_classes->classNames.value(label));
    for (const int c : m_classes->topClasses(sample, kTopClasses))
        text += QLatin1Char('\n') +
                tr("%1  %2").arg(formatPercent(m_classes->probability(sample, c), 1),
                                 m_classes->classNames.value(c));
    if (!m_images || !m_images->isFiles() || sample >= m_images->files.size())
        return text;
    text += QLatin1Char('\n') + m_images->files.at(sample);
    const QString problem = m_thumbnails->problem(sample);
    if (!problem.isEmpty())
        text += QLatin1Char('\n') + tr("It cannot be shown: %1").arg(problem);
    return text;
}

void CellSamplesModel::thumbnailsReady(const QList<qint64>& samples) {
    for (const qint64 sample : samples) {
        const auto at = std::find(m_samples.begin(), m_samples.end(), sample);
        if (at == m_samples.end())
            continue;
        const QModelIndex row = index(static_cast<int>(at - m_samples.begin()));
        Q_EMIT dataChanged(row, row, {Qt::DecorationRole, Qt::ToolTipRole});
    }
}

} // namespace tb::ui
