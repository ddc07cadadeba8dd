#include "ui/dataset/IdxImageSet.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <zlib.h>

namespace tb::ui {

namespace {

constexpr std::uint8_t kUnsignedByte = 0x08;
constexpr int kMaxDims = 4;
// A corrupt header must not make us allocate the machine's memory away.
constexpr qint64 kMaxElements = qint64{1} << 31;
// Deflate expands at most ~1032:1, so a file of N bytes holds at most 1032 N bytes of data.
constexpr qint64 kMaxGzipRatio = 1032;
constexpr qint64 kChunkBytes = qint64{16} << 20;

const QStringList kFashionClasses{QStringLiteral("T-shirt/top"), QStringLiteral("Trouser"),
                                  QStringLiteral("Pullover"),    QStringLiteral("Dress"),
                                  QStringLiteral("Coat"),        QStringLiteral("Sandal"),
                                  QStringLiteral("Shirt"),       QStringLiteral("Sneaker"),
                                  QStringLiteral("Bag"),         QStringLiteral("Ankle boot")};

/// A gzFile that closes itself; gzread also reads plain files, so one path serves both.
class GzReader {
public:
    explicit GzReader(const QString& path)
        : m_file(gzopen(QFile::encodeName(path).constData(), "rb")) {}
    ~GzReader() {
        if (m_file)
            gzclose(m_file);
    }
    GzReader(const GzReader&) = delete;
    GzReader& operator=(const GzReader&) = delete;

    bool isOpen() const { return m_file != nullptr; }
    /// Reads up to `size` bytes; returns how many arrived, -1 on a corrupt stream.
    qint64 read(void* into, qint64 size) {
        qint64 total = 0;
        auto* out = static_cast<char*>(into);
        while (total < size) {
            const auto chunk = static_cast<unsigned>(std::min<qint64>(size - total, 1 << 30));
            const int got = gzread(m_file, out + total, chunk);
            if (got < 0)
                return -1;
            if (got == 0)
                break;
            total += got;
        }
        return total;
    }

private:
    gzFile m_file;
};

/// Reads up to `count` bytes into `data`, growing it as they arrive: a corrupt header must not
/// make us allocate what it declares. Returns how many arrived, -1 on a corrupt stream.
qint64 readData(GzReader& reader, qint64 count, qint64 fileBytes, std::vector<std::uint8_t>& data) {
    data.clear();
    data.reserve(static_cast<std::size_t>(std::min(count, fileBytes * kMaxGzipRatio)));
    while (static_cast<qint64>(data.size()) < count) {
        const std::size_t before = data.size();
        const auto chunk = static_cast<std::size_t>(std::min(count - qint64(before), kChunkBytes));
        data.resize(before + chunk);
        const qint64 got = reader.read(data.data() + before, static_cast<qint64>(chunk));
        if (got < 0)
            return -1;
        data.resize(before + static_cast<std::size_t>(got));
        if (got < static_cast<qint64>(chunk))
            break;
    }
    return static_cast<qint64>(data.size());
}

QString fileName(const QString& path) {
    return QFileInfo(path).fileName();
}

/// `train-images-idx3-ubyte` or `train-images-idx3-ubyte.gz` in `folder`.
QString findFile(const QDir& folder, const QString& base) {
    for (const QString& candidate : {base, base + QStringLiteral(".gz")}) {
        if (folder.exists(candidate))
            return folder.filePath(candidate);
    }
    return {};
}

bool loadSplit(const QString& name, const QString& imagesPath, const QString& labelsPath,
               ImageSplit& split, QString& error) {
    std::vector<qint64> dims;
    split.name = name;
    split.imagesPath = imagesPath;
    split.labelsPath = labelsPath;
    if (!readIdxBytes(imagesPath, dims, split.pixels, error))
        return false;
    if (dims.size() != 3) {
        error = QObject::tr("%1 holds a %2-dimensional array, not images (N x rows x columns); "
                            "open an images file such as train-images-idx3-ubyte")
                    .arg(fileName(imagesPath))
                    .arg(dims.size());
        return false;
    }
    split.count = dims[0];
    split.rows = static_cast<int>(dims[1]);
    split.cols = static_cast<int>(dims[2]);
    if (labelsPath.isEmpty())
        return true;
    std::vector<qint64> labelDims;
    std::vector<std::uint8_t> labels;
    if (!readIdxBytes(labelsPath, labelDims, labels, error))
        return false;
    if (labelDims.size() != 1 || labelDims[0] != split.count) {
        error = QObject::tr("%1 holds %L2 labels but %3 holds %L4 images; the files do not belong "
                            "together")
                    .arg(fileName(labelsPath))
                    .arg(labelDims.empty() ? 0 : labelDims[0])
                    .arg(fileName(imagesPath))
                    .arg(split.count);
        return false;
    }
    split.labels.assign(labels.begin(), labels.end());
    return true;
}

QStringList classNamesFor(const QString& location, const std::vector<ImageSplit>& splits) {
    int classes = 0;
    for (const ImageSplit& split : splits) {
        for (const int label : split.labels)
            classes = std::max(classes, label + 1);
    }
    // The engine's rule: a folder whose name mentions "fashion" holds Fashion-MNIST.
    const bool fashion = location.contains(QLatin1String("fashion"), Qt::CaseInsensitive);
    if (fashion && classes == kFashionClasses.size())
        return kFashionClasses;
    QStringList names;
    for (int i = 0; i < classes; ++i)
        names << QString::number(i);
    return names;
}

} // namespace

QImage ImageSplit::image(qint64 index) const {
    const auto offset = static_cast<std::size_t>(index) * static_cast<std::size_t>(rows * cols);
    // The QImage borrows the pixels; copy() detaches it from this split's buffer.
    return QImage(pixels.data() + offset, cols, rows, cols, QImage::Format_Grayscale8).copy();
}

bool readIdxBytes(const QString& path, std::vector<qint64>& dims, std::vector<std::uint8_t>& data,
                  QString& error) {
    GzReader reader(path);
    if (!reader.isOpen()) {
        error = QObject::tr("cannot open %1; check that the file exists and is readable").arg(path);
        return false;
    }
    std::uint8_t magic[4] = {};
    if (reader.read(magic, 4) != 4 || magic[0] != 0 || magic[1] != 0) {
        error = QObject::tr("%1 is not an IDX file (it does not start with the IDX magic "
                            "number); open an MNIST-style file such as train-images-idx3-ubyte.gz")
                    .arg(fileName(path));
        return false;
    }
    if (magic[2] != kUnsignedByte || magic[3] == 0 || magic[3] > kMaxDims) {
        error = QObject::tr("%1 holds IDX type 0x%2 with %3 dimensions; the browser reads "
                            "unsigned-byte images and labels")
                    .arg(fileName(path))
                    .arg(magic[2], 2, 16, QLatin1Char('0'))
                    .arg(magic[3]);
        return false;
    }
    dims.assign(magic[3], 0);
    qint64 elements = 1;
    for (qint64& dim : dims) {
        std::uint8_t raw[4] = {};
        if (reader.read(raw, 4) != 4) {
            error = QObject::tr("%1 ends inside its header; download the file again")
                        .arg(fileName(path));
            return false;
        }
        dim = (qint64{raw[0]} << 24) | (qint64{raw[1]} << 16) | (qint64{raw[2]} << 8) | raw[3];
        elements *= dim;
        if (elements > kMaxElements) {
            error = QObject::tr("%1 declares more than %L2 elements; the header is corrupt or the "
                                "file is too large to browse")
                        .arg(fileName(path))
                        .arg(kMaxElements);
            return false;
        }
    }
    const qint64 got = readData(reader, elements, QFileInfo(path).size(), data);
    if (got != elements) {
        error = got < 0 ? QObject::tr("%1 is corrupt (the gzip stream does not decode); "
                                      "download the file again")
                              .arg(fileName(path))
                        : QObject::tr("%1 is truncated: expected %L2 bytes of data, found %L3; "
                                      "download the file again")
                              .arg(fileName(path))
                              .arg(elements)
                              .arg(got);
        return false;
    }
    return true;
}

bool isIdxFolder(const QString& folder) {
    return !findFile(QDir(folder), QStringLiteral("train-images-idx3-ubyte")).isEmpty();
}

QString idxTestImagesFile(const QString& folder) {
    return findFile(QDir(folder), QStringLiteral("t10k-images-idx3-ubyte"));
}

bool loadIdxFolder(const QString& folder, ImageDataset& out, QString& error) {
    const QDir dir(folder);
    if (!dir.exists()) {
        error = QObject::tr("%1 is not a folder; set data.root to the folder holding the IDX "
                            "files")
                    .arg(folder);
        return false;
    }
    out = ImageDataset{};
    out.location = folder;
    for (const auto& [name, prefix] : {std::pair{QStringLiteral("train"), QStringLiteral("train")},
                                       std::pair{QStringLiteral("test"), QStringLiteral("t10k")}}) {
        const QString images = findFile(dir, prefix + QStringLiteral("-images-idx3-ubyte"));
        const QString labels = findFile(dir, prefix + QStringLiteral("-labels-idx1-ubyte"));
        if (images.isEmpty() || labels.isEmpty()) {
            error = QObject::tr("%1 lacks %2-images-idx3-ubyte or %2-labels-idx1-ubyte (plain or "
                                ".gz); point data.root at an MNIST-style folder")
                        .arg(folder, prefix);
            return false;
        }
        ImageSplit split;
        if (!loadSplit(name, images, labels, split, error))
            return false;
        out.splits.push_back(std::move(split));
    }
    out.classNames = classNamesFor(folder, out.splits);
    out.trainHoldsValidation = true;
    const bool fashion = out.classNames == kFashionClasses;
    out.title = fashion ? QStringLiteral("Fashion-MNIST") : QStringLiteral("MNIST");
    return true;
}

bool loadIdxImagesFile(const QString& imagesPath, ImageDataset& out, QString& error) {
    out = ImageDataset{};
    const QFileInfo info(imagesPath);
    out.location = info.absoluteFilePath();
    out.title = info.fileName();
    QString labelsName = info.fileName();
    labelsName.replace(QLatin1String("images-idx3"), QLatin1String("labels-idx1"));
    const QString labels = labelsName != info.fileName() && info.dir().exists(labelsName)
                               ? info.dir().filePath(labelsName)
                               : QString();
    ImageSplit split;
    if (!loadSplit(info.fileName(), imagesPath, labels, split, error))
        return false;
    out.splits.push_back(std::move(split));
    out.classNames = classNamesFor(info.absolutePath(), out.splits);
    return true;
}

} // namespace tb::ui
