#include "ui/dataset/SampleGridModel.h"

#include "ui/dataset/IdxImageSet.h"
#include "ui/dataset/SampleThumbnails.h"

#include <QPixmap>
#include <algorithm>

namespace tb::ui {

SampleGridModel::SampleGridModel(QObject* parent)
    : QAbstractListModel(parent)
    , m_thumbnails(new SampleThumbnails(this)) {
    connect(m_thumbnails, &SampleThumbnails::ready, this, &SampleGridModel::thumbnailsReady);
}

void SampleGridModel::showSplit(const ImageDataset* dataset, int split, int classFilter) {
    beginResetModel();
    m_dataset = dataset;
    m_split = split;
    m_indices.clear();
    m_count = 0;
    if (const ImageSplit* s = shownSplit()) {
        if (classFilter < 0) {
            m_count = s->count;
        } else {
            for (qint64 i = 0; i < s->count; ++i) {
                if (s->label(i) == classFilter)
                    m_indices.push_back(i);
            }
            m_count = static_cast<qint64>(m_indices.size());
        }
    }
    m_thumbnails->setSplit(shownSplit());
    endResetModel();
}

QSize SampleGridModel::thumbnailSize() const {
    return m_thumbnails->size();
}

const ImageSplit* SampleGridModel::shownSplit() const {
    if (!m_dataset || m_split < 0 || m_split >= static_cast<int>(m_dataset->splits.size()))
        return nullptr;
    return &m_dataset->splits[static_cast<std::size_t>(m_split)];
}

qint64 SampleGridModel::sampleAt(int row) const {
    return m_indices.empty() ? row : m_indices[static_cast<std::size_t>(row)];
}

int SampleGridModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_count);
}

QVariant SampleGridModel::data(const QModelIndex& index, int role) const {
    const ImageSplit* split = shownSplit();
    if (!split || !index.isValid() || index.row() >= m_count)
        return {};
    const qint64 sample = sampleAt(index.row());
    const int label = split->label(sample);
    const QString className = label >= 0 ? m_dataset->classNames.value(label) : QString();
    switch (role) {
    case Qt::DecorationRole:
        return m_thumbnails->thumbnail(sample);
    case Qt::DisplayRole:
        return className;
    case Qt::ToolTipRole:
        return toolTip(*split, sample, className);
    case kSampleIndexRole:
        return sample;
    case kProblemRole:
        return m_thumbnails->problem(sample);
    default:
        return {};
    }
}

QString SampleGridModel::toolTip(const ImageSplit& split, qint64 sample,
                                 const QString& className) const {
    const int label = split.label(sample);
    QString text =
        label >= 0
            ? tr("%1 #%2: label %3 (%4)").arg(split.name).arg(sample).arg(label).arg(className)
            : tr("%1 #%2").arg(split.name).arg(sample);
    if (!split.isFiles())
        return text;
    text += QLatin1Char('\n') + split.files.at(sample);
    const QString problem = m_thumbnails->problem(sample);
    if (!problem.isEmpty())
        text += QLatin1Char('\n') + tr("Training cannot read it: %1").arg(problem);
    return text;
}

void SampleGridModel::thumbnailsReady(const QList<qint64>& samples) {
    for (const qint64 sample : samples) {
        int row = -1;
        if (m_indices.empty()) {
            row = sample < m_count ? static_cast<int>(sample) : -1;
        } else {
            const auto at = std::lower_bound(m_indices.begin(), m_indices.end(), sample);
            if (at != m_indices.end() && *at == sample)
                row = static_cast<int>(at - m_indices.begin());
        }
        if (row >= 0)
            Q_EMIT dataChanged(index(row), index(row), {Qt::DecorationRole, Qt::ToolTipRole});
    }
}

} // namespace tb::ui
