#include "ui/config/Presets.h"

#include <QDir>
#include <QFileInfo>

namespace tb::ui {

QList<Preset> builtInPresets()
{
    QList<Preset> presets;
    const QDir dir(QStringLiteral(":/presets"));
    for (const QFileInfo& file :
         dir.entryInfoList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
        presets.push_back({file.completeBaseName(), file.filePath()});
    return presets;
}

} // namespace tb::ui
