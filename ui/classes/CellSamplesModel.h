// The test images of one cell of a confusion matrix, for a thumbnail grid.
#pragma once

#include <QAbstractListModel>
#include <vector>

namespace tb::ui {

struct ImageSplit;
struct RunClasses;
class SampleThumbnails;

/// The samples RunClasses::samplesOf() lists for a cell, in its order, each captioned with the
/// probability the model gave the predicted class; the tooltip names the three most probable
/// classes. Thumbnails are drawn when the view asks for them; an image file's arrives when
/// decoded (dataChanged), one that cannot be read is crossed out, its tooltip says why.
class CellSamplesModel : public QAbstractListModel {
    Q_OBJECT
public:
    static constexpr int kSampleIndexRole = Qt::UserRole;

    explicit CellSamplesModel(QObject* parent = nullptr);

    /// Lists the samples of `classes` (not owned; null lists none) whose true class is
    /// `trueClass` and predicted class `predictedClass`, drawn from `images` (not owned; null
    /// draws no thumbnails).
    void showCell(const RunClasses* classes, const ImageSplit* images, int trueClass,
                  int predictedClass);
    const std::vector<int>& samples() const { return m_samples; }
    /// The size of every thumbnail of the images shown.
    QSize thumbnailSize() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    QString toolTip(int sample) const;
    void thumbnailsReady(const QList<qint64>& samples);

    const RunClasses* m_classes = nullptr;
    const ImageSplit* m_images = nullptr;
    int m_predictedClass = -1;
    std::vector<int> m_samples;
    SampleThumbnails* m_thumbnails;
};

} // namespace tb::ui
