#include "ui/classes/CellSamplesModel.h"

#include "ui/classes/RunClasses.h"
#include "ui/dataset/IdxImageSet.h"
#include "ui/dataset/ThumbnailGrid.h"
#include "ui/util/Format.h"

#include <QPixmap>

namespace tb::ui {

namespace {

constexpr int kTopClasses = 3;

} // namespace

void CellSamplesModel::showCell(const RunClasses* classes, const ImageSplit* images, int trueClass,
                                int predictedClass) {
    beginResetModel();
    m_classes = classes;
    m_images = images;
    m_predictedClass = predictedClass;
    m_samples = classes ? classes->samplesOf(trueClass, predictedClass) : std::vector<int>{};
    endResetModel();
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
        return m_images ? QVariant(sampleThumbnail(*m_images, sample)) : QVariant();
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
    return text;
}

} // namespace tb::ui
