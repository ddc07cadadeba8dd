#include "ui/predict/ImageClassesModel.h"

#include "ui/dataset/FileThumbnailLoader.h"
#include "ui/dataset/ModelImage.h"
#include "ui/dataset/ThumbnailGrid.h"
#include "ui/theme/AccentColors.h"
#include "ui/util/Format.h"

#include <QDir>
#include <QFileInfo>

namespace tb::ui {
namespace {

constexpr int kThumbnailSide = 40;

/// The class after the predicted one, by probability.
std::size_t runnerUpOf(const tb::engine::ImageClasses& image) {
    const auto& p = image.probabilities;
    std::size_t best = p.size();
    for (std::size_t c = 0; c < p.size(); ++c)
        if (static_cast<std::int64_t>(c) != image.predicted && (best == p.size() || p[c] > p[best]))
            best = c;
    return best;
}

/// The folder every file lies in, so that a row names its file from there (`cat/001.png`).
QString commonFolder(const std::vector<tb::engine::ImageClasses>& images) {
    if (images.empty())
        return {};
    QString common = QFileInfo(toQString(images.front().file)).absolutePath();
    for (const tb::engine::ImageClasses& image : images) {
        const QString folder = QFileInfo(toQString(image.file)).absolutePath();
        while (!(folder == common || folder.startsWith(common + '/')) && common.contains('/'))
            common = QFileInfo(common).path();
    }
    return common;
}

} // namespace

ImageClassesModel::ImageClassesModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_thumbnails(new FileThumbnailLoader(this)) {
    connect(m_thumbnails, &FileThumbnailLoader::decoded, this, &ImageClassesModel::takeThumbnails);
}

ImageClassesModel::~ImageClassesModel() = default;

void ImageClassesModel::setPrediction(std::shared_ptr<const tb::engine::Prediction> prediction,
                                      std::shared_ptr<const IdxImageFiles> idxFiles) {
    beginResetModel();
    m_prediction = std::move(prediction);
    m_idxFiles = std::move(idxFiles);
    m_rowOfFile.clear();
    m_thumbnails->cancelQueued();
    if (m_prediction && m_prediction->sampleShape.size() == 3) {
        const auto& shape = m_prediction->sampleShape;
        m_thumbnails->setLook({static_cast<int>(shape[1]), static_cast<int>(shape[0])},
                              kThumbnailSide);
        m_folder = QDir(commonFolder(m_prediction->images));
        for (std::size_t row = 0; row < m_prediction->images.size(); ++row)
            if (m_prediction->images[row].index < 0)
                m_rowOfFile.insert(toQString(m_prediction->images[row].file),
                                   static_cast<int>(row));
    }
    endResetModel();
}

int ImageClassesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_prediction ? 0 : static_cast<int>(m_prediction->images.size());
}

int ImageClassesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImageClassesModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !m_prediction)
        return {};
    const tb::engine::ImageClasses& image =
        m_prediction->images[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(image, index.column());
    case Qt::UserRole:
        return sortValue(image, index.column());
    case MistakeRole:
        return image.label >= 0 && image.label != image.predicted;
    case Qt::ToolTipRole:
        return index.column() == File ? toQString(image.name()) : QVariant();
    case Qt::DecorationRole:
        return index.column() == File ? thumbnail(image) : QVariant();
    case Qt::ForegroundRole:
        if (index.column() == Class && image.label >= 0 && image.label != image.predicted)
            return accent::kProblem;
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Probability ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                             : QVariant();
    default:
        return {};
    }
}

QVariant ImageClassesModel::display(const tb::engine::ImageClasses& image, int column) const {
    const auto& names = m_prediction->classNames;
    switch (column) {
    case File: {
        const QString file =
            m_folder.relativeFilePath(QFileInfo(toQString(image.file)).absoluteFilePath());
        return image.index < 0 ? file : QStringLiteral("%1 #%2").arg(file).arg(image.index);
    }
    case Class:
        return toQString(names[static_cast<std::size_t>(image.predicted)]);
    case Label:
        return image.label < 0 ? QVariant()
                               : toQString(names[static_cast<std::size_t>(image.label)]);
    case Probability:
        return formatPercent(image.probabilities[static_cast<std::size_t>(image.predicted)]);
    case RunnerUp: {
        const std::size_t second = runnerUpOf(image);
        if (second == image.probabilities.size())
            return {};
        return QStringLiteral("%1 (%2)").arg(toQString(names[second]),
                                             formatPercent(image.probabilities[second]));
    }
    default:
        return {};
    }
}

QVariant ImageClassesModel::sortValue(const tb::engine::ImageClasses& image, int column) const {
    switch (column) {
    case File: // an IDX file's images in their order
        return image.index < 0 ? toQString(image.file)
                               : QStringLiteral("%1#%2")
                                     .arg(toQString(image.file))
                                     .arg(image.index, 12, 10, QChar('0'));
    case Probability:
        return image.probabilities[static_cast<std::size_t>(image.predicted)];
    default:
        return display(image, column);
    }
}

QVariant ImageClassesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case File:
        return tr("Image");
    case Class:
        return tr("Class");
    case Label:
        return tr("Label");
    case Probability:
        return tr("Probability");
    case RunnerUp:
        return tr("Runner-up");
    default:
        return {};
    }
}

QVariant ImageClassesModel::thumbnail(const tb::engine::ImageClasses& image) const {
    if (image.index < 0) {
        const auto loaded = m_thumbnails->request(toQString(image.file));
        return loaded ? QVariant(loaded->pixmap) : QVariant();
    }
    if (!m_idxFiles)
        return {};
    const auto file = m_idxFiles->constFind(toQString(image.file));
    if (file == m_idxFiles->constEnd() || image.index >= file->count)
        return {};
    const int side = static_cast<int>(m_prediction->sampleShape[1]);
    return QPixmap::fromImage(
        squareThumbnail(fitIdxImage(file->image(image.index), side), kThumbnailSide));
}

void ImageClassesModel::takeThumbnails(const QStringList& paths) {
    for (const QString& path : paths) {
        const auto row = m_rowOfFile.constFind(path);
        if (row == m_rowOfFile.constEnd())
            continue;
        const QModelIndex cell = index(*row, File);
        Q_EMIT dataChanged(cell, cell, {Qt::DecorationRole});
    }
}

} // namespace tb::ui
