#include "ui/dataset/FolderImageSet.h"

#include "engine/config/Config.h"
#include "ui/dataset/IdxImageSet.h"

#include <QDir>
#include <QFileInfo>
#include <exception>

namespace tb::ui {

namespace {

ImageSplit toSplit(const char* name, tb::engine::ImageFolderSplit&& from, const ImageLook& look) {
    ImageSplit split;
    split.name = QString::fromLatin1(name);
    split.source = QString::fromStdString(from.source);
    split.count = static_cast<qint64>(from.files.size());
    split.rows = look.side;
    split.cols = look.side;
    split.channels = look.channels;
    split.files.reserve(static_cast<qsizetype>(from.files.size()));
    for (const std::string& file : from.files)
        split.files << QFile::decodeName(QByteArray::fromStdString(file));
    split.labels.assign(from.labels.begin(), from.labels.end());
    return split;
}

} // namespace

FolderImageOptions FolderImageOptions::fromConfig(const tb::engine::Config& config) {
    FolderImageOptions options;
    try {
        options.split = tb::engine::ImageFolderOptions::fromConfig(config);
    } catch (const std::exception&) {
        options.split.root = config.getString("data.root");
    }
    options.look = imageLookOf(config);
    return options;
}

QString FolderImageOptions::signature() const {
    return QStringLiteral("%1|%2|%3|%4|%5|%6")
        .arg(QString::fromStdString(split.root))
        .arg(split.valFraction)
        .arg(split.testFraction)
        .arg(split.seed)
        .arg(look.side)
        .arg(look.channels);
}

ImageLook imageLookOf(const tb::engine::Config& config) {
    ImageLook look{64, 3};
    try {
        look.side = static_cast<int>(config.getInt("data.image_size"));
        look.channels = config.getString("data.color") == "gray" ? 1 : 3;
    } catch (const std::exception&) {
        // A value of the wrong type: the config form marks it; draw with the defaults.
    }
    return look;
}

bool loadImageFolder(const FolderImageOptions& options, ImageDataset& out, QString& error) {
    tb::engine::ImageFolderLayout layout;
    try {
        layout = tb::engine::scanImageFolder(options.split);
    } catch (const std::exception& e) {
        // DataError says what to do; a filesystem error on an unreadable subfolder is as
        // much a reason not to train.
        error = QString::fromUtf8(e.what());
        return false;
    }
    const QString root = QFileInfo(QString::fromStdString(options.split.root)).absoluteFilePath();
    out = ImageDataset{};
    out.title = QDir(root).dirName();
    out.location = root;
    for (const std::string& name : layout.classNames)
        out.classNames << QString::fromStdString(name);
    out.splits.push_back(toSplit("train", std::move(layout.train), options.look));
    if (!layout.val.files.empty())
        out.splits.push_back(toSplit("val", std::move(layout.val), options.look));
    if (!layout.test.files.empty())
        out.splits.push_back(toSplit("test", std::move(layout.test), options.look));
    return true;
}

} // namespace tb::ui
