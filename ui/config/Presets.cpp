#include "ui/config/Presets.h"

#include "engine/config/PresetFolders.h"
#include "engine/config/PresetSummary.h"
#include "ui/util/Format.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

// A resource file compiled into a static library is dropped by the linker unless something
// refers to it; this reference keeps the presets in every program that lists them.
static void initPresetResources() {
    Q_INIT_RESOURCE(trainbench);
}

namespace tb::ui {

namespace {

QList<Preset> readBuiltInPresets() {
    initPresetResources();
    QList<Preset> presets;
    const QDir dir(QStringLiteral(":/presets"));
    for (const QFileInfo& info :
         dir.entryInfoList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name)) {
        QFile file(info.filePath());
        const std::string text = file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : "";
        presets.push_back(
            {info.completeBaseName(), info.filePath(), toQString(tb::engine::presetSummary(text))});
    }
    return presets;
}

} // namespace

QList<Preset> builtInPresets() {
    // Compiled in, so read once: their summaries need every file's text.
    static const QList<Preset> presets = readBuiltInPresets();
    return presets;
}

QString presetPath(const QString& name) {
    for (const Preset& preset : builtInPresets()) {
        if (preset.name == name)
            return preset.path;
    }
    return {};
}

QString presetFolder(const QString& name) {
    const std::filesystem::path file = tb::engine::findPresetFile(name.toStdString());
    return file.empty() ? QString() : toQString(file.parent_path().string());
}

} // namespace tb::ui
