// The samples of one image split as a list for an icon-mode view.
#pragma once

#include <QAbstractListModel>
#include <vector>

namespace tb::ui {

struct ImageDataset;

/// Samples of one split of an ImageDataset, optionally only those of one class. Thumbnails
/// are drawn when the view asks for them, so a 60,000-image split costs nothing up front.
class SampleGridModel : public QAbstractListModel {
    Q_OBJECT
public:
    static constexpr int kSampleIndexRole = Qt::UserRole;

    explicit SampleGridModel(QObject* parent = nullptr);

    /// Shows split `split` of `dataset` (not owned; null shows nothing), only class
    /// `classFilter` when it is >= 0.
    void showSplit(const ImageDataset* dataset, int split, int classFilter);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    const ImageDataset* m_dataset = nullptr;
    int m_split = 0;
    std::vector<qint64> m_indices; // rows -> sample index; empty with no filter
    qint64 m_count = 0;
};

} // namespace tb::ui
