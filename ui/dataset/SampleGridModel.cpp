#include "ui/dataset/SampleGridModel.h"

#include "ui/dataset/IdxImageSet.h"
#include "ui/dataset/ThumbnailGrid.h"

#include <QPixmap>

namespace tb::ui {

SampleGridModel::SampleGridModel(QObject* parent)
    : QAbstractListModel(parent) {}

void SampleGridModel::showSplit(const ImageDataset* dataset, int split, int classFilter) {
    beginResetModel();
    m_dataset = dataset;
    m_split = split;
    m_indices.clear();
    m_count = 0;
    if (dataset && split >= 0 && split < static_cast<int>(dataset->splits.size())) {
        const ImageSplit& s = dataset->splits[static_cast<std::size_t>(split)];
        if (classFilter < 0) {
            m_count = s.count;
        } else {
            for (qint64 i = 0; i < s.count; ++i) {
                if (s.label(i) == classFilter)
                    m_indices.push_back(i);
            }
            m_count = static_cast<qint64>(m_indices.size());
        }
    }
    endResetModel();
}

int SampleGridModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_count);
}

QVariant SampleGridModel::data(const QModelIndex& index, int role) const {
    if (!m_dataset || !index.isValid() || index.row() >= m_count)
        return {};
    const ImageSplit& split = m_dataset->splits[static_cast<std::size_t>(m_split)];
    const qint64 sample =
        m_indices.empty() ? index.row() : m_indices[static_cast<std::size_t>(index.row())];
    const int label = split.label(sample);
    const QString className = label >= 0 ? m_dataset->classNames.value(label) : QString();
    switch (role) {
    case Qt::DecorationRole:
        return sampleThumbnail(split, sample);
    case Qt::DisplayRole:
        return className;
    case Qt::ToolTipRole:
        return label >= 0 ? tr("%1 #%2: label %3 (%4)")
                                .arg(split.name)
                                .arg(sample)
                                .arg(label)
                                .arg(className)
                          : tr("%1 #%2").arg(split.name).arg(sample);
    case kSampleIndexRole:
        return sample;
    default:
        return {};
    }
}

} // namespace tb::ui
