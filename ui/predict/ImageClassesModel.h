// A classifier's classes of new images as a table: each image as the model saw it, its class
// and how sure the model is.
#pragma once

#include "engine/inference/Prediction.h"
#include "ui/dataset/IdxImageSet.h"

#include <QAbstractTableModel>
#include <QDir>
#include <QHash>
#include <memory>

namespace tb::ui {

class FileThumbnailLoader;

/// The images of IDX files, by path, to draw the thumbnails of their rows from.
using IdxImageFiles = QHash<QString, ImageSplit>;

/// One row per classified image: the file (named from the folder all share, with its thumbnail,
/// decoded as the model takes it, on worker threads), the class (in the problem colour where
/// it is not the label), the label where the image has one, the class's probability, and the
/// runner-up class with its own. Sort by probability (Qt::UserRole) to find the images the
/// model is least sure of.
class ImageClassesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { File, Class, Label, Probability, RunnerUp, ColumnCount };
    /// Every column's: true where the image's label is not the class it was given.
    static constexpr int MistakeRole = Qt::UserRole + 1;

    explicit ImageClassesModel(QObject* parent = nullptr);
    ~ImageClassesModel() override;

    /// Shows `prediction`'s images (a classifier's), those of IDX files drawn from `idxFiles`;
    /// null shows none.
    void setPrediction(std::shared_ptr<const tb::engine::Prediction> prediction,
                       std::shared_ptr<const IdxImageFiles> idxFiles = {});

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVariant display(const tb::engine::ImageClasses& image, int column) const;
    QVariant sortValue(const tb::engine::ImageClasses& image, int column) const;
    QVariant thumbnail(const tb::engine::ImageClasses& image) const;
    void takeThumbnails(const QStringList& paths);

    std::shared_ptr<const tb::engine::Prediction> m_prediction;
    std::shared_ptr<const IdxImageFiles> m_idxFiles;
    FileThumbnailLoader* m_thumbnails;
    QHash<QString, int> m_rowOfFile;
    QDir m_folder; ///< the files' common folder, which rows name them from
};

} // namespace tb::ui
