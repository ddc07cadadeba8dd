#include "ui/predict/StartingInput.h"

#include "engine/config/Config.h"
#include "ui/dataset/IdxImageSet.h"
#include "ui/util/Format.h"

#include <QDir>
#include <QFileInfo>

namespace tb::ui {

QString startingPredictionInput(const tb::engine::Config& config) {
    const QString kind = toQString(config.getString("data.kind"));
    if (kind == QLatin1String("csv"))
        return toQString(config.getString("data.path"));
    const QString root = toQString(config.getString("data.root"));
    if (kind == QLatin1String("idx"))
        return idxTestImagesFile(root);
    const QString test = QDir(root).filePath(QStringLiteral("test"));
    return QFileInfo(test).isDir() ? test : QString();
}

} // namespace tb::ui
