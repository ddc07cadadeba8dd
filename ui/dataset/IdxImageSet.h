// MNIST-style IDX image files, read for browsing, and the image dataset the browser shows.
#pragma once

#include <QImage>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace tb::ui {

/// The images and labels of one split. Either an IDX file pair (`train-images-idx3-ubyte[.gz]`
/// and its labels) as raw bytes: a 60,000-image split is 47 MB and every sample is a slice of
/// it; or image files (an image folder's split, FolderImageSet.h), decoded when drawn.
struct ImageSplit {
    QString name;   ///< `train`, `val`, `test`, or a file name
    QString source; ///< where an image folder's split comes from: `train/`, `10% held out of
                    ///< train/`; empty for IDX files
    QString imagesPath;
    QString labelsPath; ///< empty when the images came without labels
    qint64 count = 0;
    int rows = 0;     ///< each image's height as the model sees it; 0: files keep their own size
    int cols = 0;     ///< each image's width as the model sees it; 0 likewise
    int channels = 1; ///< 1 (gray) or 3 (RGB)
    std::vector<std::uint8_t> pixels; ///< IDX: count * rows * cols, row-major; else empty
    QStringList files;                ///< image files: sample i's file; empty for IDX
    std::vector<int> labels;          ///< count, or empty

    bool isFiles() const { return !files.isEmpty(); }
    /// An IDX sample, from memory (image files are drawn by SampleThumbnails).
    QImage image(qint64 index) const;
    int label(qint64 index) const {
        return labels.empty() ? -1 : labels[static_cast<std::size_t>(index)];
    }
};

/// An image dataset: one or more splits plus the names of its classes.
struct ImageDataset {
    QString title; ///< `Fashion-MNIST`, `MNIST`, a file or a folder name
    QString location;
    QStringList classNames;
    std::vector<ImageSplit> splits;
    /// The `train` split also holds the validation samples, which data.val_fraction cuts off
    /// (IDX); false when every split is final (an image folder's).
    bool trainHoldsValidation = false;

    int classCount() const { return static_cast<int>(classNames.size()); }
};

/// Reads an IDX file of unsigned bytes, gzip-compressed or plain. On failure returns false
/// and sets `error` to what is wrong with which file and what to do.
bool readIdxBytes(const QString& path, std::vector<qint64>& dims, std::vector<std::uint8_t>& data,
                  QString& error);

/// Whether `folder` holds `train-images-idx3-ubyte` (plain or `.gz`): an MNIST-style folder
/// rather than a folder of image files.
bool isIdxFolder(const QString& folder);
/// The test images of an MNIST-style folder, `t10k-images-idx3-ubyte` (plain or `.gz`); empty
/// when it has none.
QString idxTestImagesFile(const QString& folder);
/// Loads the train and t10k file pairs of an MNIST-style folder (plain or `.gz`, the files
/// `data.root` names for the engine).
bool loadIdxFolder(const QString& folder, ImageDataset& out, QString& error);
/// Loads one images file opened by hand, with the labels file beside it when there is one
/// (`...-images-idx3-ubyte` -> `...-labels-idx1-ubyte`).
bool loadIdxImagesFile(const QString& imagesPath, ImageDataset& out, QString& error);

} // namespace tb::ui
