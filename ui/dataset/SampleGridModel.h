// The samples of one image split as a list for an icon-mode view.
#pragma once

#include <QAbstractListModel>
#include <vector>

namespace tb::ui {

struct ImageDataset;
struct ImageSplit;
class SampleThumbnails;

/// Samples of one split of an ImageDataset, optionally only those of one class. Thumbnails
/// are drawn when the view asks for them, so a 60,000-image split costs nothing up front;
/// an image file's arrives when decoded (dataChanged), one that cannot be read is crossed out
/// with the reason in its tooltip and kProblemRole.
class SampleGridModel : public QAbstractListModel {
    Q_OBJECT
public:
    static constexpr int kSampleIndexRole = Qt::UserRole;
    /// Why the sample's image file cannot be shown; empty when it can (or is not read yet).
    static constexpr int kProblemRole = Qt::UserRole + 1;

    explicit SampleGridModel(QObject* parent = nullptr);

    /// Shows split `split` of `dataset` (not owned; null shows nothing), only class
    /// `classFilter` when it is >= 0.
    void showSplit(const ImageDataset* dataset, int split, int classFilter);
    /// The size of the thumbnails of the split shown.
    QSize thumbnailSize() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    const ImageSplit* shownSplit() const;
    qint64 sampleAt(int row) const;
    void thumbnailsReady(const QList<qint64>& samples);
    QString toolTip(const ImageSplit& split, qint64 sample, const QString& className) const;

    const ImageDataset* m_dataset = nullptr;
    int m_split = 0;
    std::vector<qint64> m_indices; // rows -> sample index, ascending; empty with no filter
    qint64 m_count = 0;
    SampleThumbnails* m_thumbnails;
};

} // namespace tb::ui
