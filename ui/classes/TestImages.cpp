#include "ui/classes/TestImages.h"

#include "engine/config/ConfigYaml.h"
#include "engine/training/ExperimentSchema.h"
#include "ui/classes/RunClasses.h"
#include "ui/dataset/FolderImageSet.h"
#include "ui/dataset/IdxImageSet.h"

#include <QDir>
#include <QFileInfo>
#include <QObject>
#include <QSet>
#include <algorithm>
#include <exception>

namespace tb::ui {

namespace {

bool loadIdxTestImages(const RunClasses& classes, ImageSplit& out, QString& error) {
    const QString& path = classes.imagesPath;
    if (!QFileInfo::exists(path)) {
        error = QObject::tr("The test images %1 are not there: has the run's data.root moved, or "
                            "was the run trained on another machine? Put the file back there to "
                            "see the images.")
                    .arg(path);
        return false;
    }
    ImageSplit split;
    std::vector<qint64> dims;
    if (!readIdxBytes(path, dims, split.pixels, error)) {
        error = QObject::tr("The test images %1 cannot be read: %2.").arg(path, error);
        return false;
    }
    if (dims.size() != 3 || dims[0] < classes.samples) {
        error = QObject::tr("%1 is not the file the run was tested on: it holds %2, the run "
                            "%3 test images.")
                    .arg(path, dims.size() == 3
                                   ? QObject::tr("%1 images").arg(dims[0])
                                   : QObject::tr("a %1-dimensional array").arg(dims.size()))
                    .arg(classes.samples);
        return false;
    }
    split.name = QFileInfo(path).fileName();
    split.imagesPath = path;
    split.count = dims[0];
    split.rows = static_cast<int>(dims[1]);
    split.cols = static_cast<int>(dims[2]);
    out = std::move(split);
    return true;
}

bool listTestImageFiles(const RunClasses& classes, const ImageLook& look, ImageSplit& out,
                        QString& error) {
    const QStringList& files = classes.imageFiles;
    if (files.size() != classes.samples) {
        error = QObject::tr("The run's test-classes.json names %1 image files for %2 test images; "
                            "they do not belong together.")
                    .arg(files.size())
                    .arg(classes.samples);
        return false;
    }
    // Asking for every file would stat thousands on the GUI thread; their few folders tell
    // a moved data.root as well. A single missing file is crossed out when it is shown.
    QSet<QString> folders;
    for (const QString& file : files)
        folders.insert(QFileInfo(file).path());
    const bool anyFolderThere =
        std::any_of(folders.cbegin(), folders.cend(),
                    [](const QString& folder) { return QFileInfo(folder).isDir(); });
    if (!anyFolderThere) {
        error = QObject::tr("The test images (%1 and the rest) are not there: has the run's "
                            "data.root moved, or was the run trained on another machine? Put the "
                            "folder back there to see the images.")
                    .arg(files.front());
        return false;
    }
    ImageSplit split;
    split.name = QStringLiteral("test");
    split.count = classes.samples;
    split.rows = look.side;
    split.cols = look.side;
    split.channels = look.channels;
    split.files = files;
    out = std::move(split);
    return true;
}

} // namespace

bool loadTestImages(const RunClasses& classes, const ImageLook& look, ImageSplit& out,
                    QString& error) {
    if (!classes.imageFiles.isEmpty())
        return listTestImageFiles(classes, look, out, error);
    if (classes.imagesPath.isEmpty()) {
        error = QObject::tr("The run did not record which file holds its test images (its data "
                            "came neither from an IDX images file nor from an image folder).");
        return false;
    }
    return loadIdxTestImages(classes, out, error);
}

ImageLook imageLookOfRun(const std::string& configYaml) {
    try {
        // A config written by another version may carry fields this schema does not know:
        // the parse reports them and still reads the rest.
        const auto parsed = tb::engine::parseConfigYaml(configYaml, tb::engine::experimentSchema());
        // Only an image folder's images were fitted to a size; other data kinds' defaults
        // would say nothing about how the files were seen.
        if (parsed.config.getString("data.kind") == "folder")
            return imageLookOf(parsed.config);
    } catch (const std::exception&) {
        // A field of the wrong type: as for any other config, the files as they are.
    }
    return ImageLook{0, 3};
}

} // namespace tb::ui
