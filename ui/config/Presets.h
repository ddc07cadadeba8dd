// The preset configs that ship inside the app.
#pragma once

#include <QList>
#include <QString>

namespace tb::ui {

struct Preset {
    QString name;    ///< `fashion-mnist-cnn`
    QString path;    ///< `:/presets/fashion-mnist-cnn.yaml`
    QString summary; ///< what it trains, from its opening comment (engine's presetSummary)
};

/// Every YAML file under `:/presets`, by name.
QList<Preset> builtInPresets();
/// The resource path of the preset `name`; empty when there is none.
QString presetPath(const QString& name);
/// The folder on disk that holds the same preset file (the first of the engine's preset
/// folders with `<name>.yaml`), where the preset's relative paths start; empty when none does
/// (an app installed without its presets).
QString presetFolder(const QString& name);

/// What a new user trains with one click.
inline const QString kDefaultPreset = QStringLiteral("fashion-mnist-cnn");

} // namespace tb::ui
