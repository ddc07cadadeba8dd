// Light and dark looks that follow the desktop.
#pragma once

#include <QObject>

class QApplication;
class QPalette;

namespace tb::ui {

/// Fusion style with a light or dark palette. `System` follows the desktop's colour scheme:
/// live through QStyleHints::colorScheme on Qt 6.5+; on older Qt (Debian 12 ships 6.4) from
/// the lightness of the platform palette at start-up.
class Theme : public QObject {
    Q_OBJECT
public:
    enum class Choice { System, Light, Dark };
    Q_ENUM(Choice)

    /// Applies the choice saved in QSettings (`view/theme`), System by default.
    static void applySaved(QApplication& app);
    /// Applies and saves `choice`.
    static void apply(QApplication& app, Choice choice);
    static Choice savedChoice();

    static bool systemPrefersDark();
    static QPalette lightPalette();
    static QPalette darkPalette();

private:
    explicit Theme(QApplication& app);
    static Theme& instance(QApplication& app);
    void applyNow();

    QApplication& m_app;
    Choice m_choice = Choice::System;
};

} // namespace tb::ui
