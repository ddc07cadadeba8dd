// MNIST-style IDX image files, read for browsing.
#pragma once

#include <QImage>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace tb::ui {

/// The images and labels of one IDX file pair (`train-images-idx3-ubyte[.gz]` and its
/// labels), as raw bytes: a 60,000-image split is 47 MB and every sample is a slice of it.
struct ImageSplit {
    QString name; ///< `train`, `test`, or a file name
    QString imagesPath;
    QString labelsPath; ///< empty when the images came without labels
    qint64 count = 0;
    int rows = 0;
    int cols = 0;
    std::vector<std::uint8_t> pixels; ///< count * rows * cols, row-major
    std::vector<std::uint8_t> labels; ///< count, or empty

    QImage image(qint64 index) const;
    int label(qint64 index) const {
        return labels.empty() ? -1 : labels[static_cast<std::size_t>(index)];
    }
};

/// An image dataset: one or more splits plus the names of its classes.
struct ImageDataset {
    QString title; ///< `Fashion-MNIST`, `MNIST` or a file name
    QString location;
    QStringList classNames;
    std::vector<ImageSplit> splits;

    int classCount() const { return static_cast<int>(classNames.size()); }
};

/// Reads an IDX file of unsigned bytes, gzip-compressed or plain. On failure returns false
/// and sets `error` to what is wrong with which file and what to do.
bool readIdxBytes(const QString& path, std::vector<qint64>& dims, std::vector<std::uint8_t>& data,
                  QString& error);

/// Loads the train and t10k file pairs of an MNIST-style folder (plain or `.gz`, the files
/// `data.root` names for the engine).
bool loadIdxFolder(const QString& folder, ImageDataset& out, QString& error);
/// Loads one images file opened by hand, with the labels file beside it when there is one
/// (`...-images-idx3-ubyte` -> `...-labels-idx1-ubyte`).
bool loadIdxImagesFile(const QString& imagesPath, ImageDataset& out, QString& error);

} // namespace tb::ui
