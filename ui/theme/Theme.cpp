#include "ui/theme/Theme.h"

#include <QApplication>
#include <QPalette>
#include <QSettings>
#include <QStyleFactory>
#include <QStyleHints>

namespace tb::ui {

namespace {

// The platform's palette as it was before Fusion's palette replaced it: what "the system"
// looks like on Qt versions without QStyleHints::colorScheme.
QPalette& platformPalette() {
    static QPalette palette = QGuiApplication::palette();
    return palette;
}

} // namespace

Theme::Theme(QApplication& app)
    : QObject(&app)
    , m_app(app) {
    platformPalette();
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(QGuiApplication::styleHints(), &QStyleHints::colorSchemeChanged, this, [this] {
        if (m_choice == Choice::System)
            applyNow();
    });
#endif
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
}

Theme& Theme::instance(QApplication& app) {
    static Theme* theme = new Theme(app);
    return *theme;
}

void Theme::applySaved(QApplication& app) {
    Theme& theme = instance(app);
    theme.m_choice = savedChoice();
    theme.applyNow();
}

void Theme::apply(QApplication& app, Choice choice) {
    QSettings().setValue("view/theme", static_cast<int>(choice));
    Theme& theme = instance(app);
    theme.m_choice = choice;
    theme.applyNow();
}

Theme::Choice Theme::savedChoice() {
    const int saved = QSettings().value("view/theme", 0).toInt();
    return saved >= 0 && saved <= 2 ? static_cast<Choice>(saved) : Choice::System;
}

bool Theme::systemPrefersDark() {
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    const Qt::ColorScheme scheme = QGuiApplication::styleHints()->colorScheme();
    if (scheme != Qt::ColorScheme::Unknown)
        return scheme == Qt::ColorScheme::Dark;
#endif
    const QPalette& system = platformPalette();
    return system.color(QPalette::Window).lightness() <
           system.color(QPalette::WindowText).lightness();
}

void Theme::applyNow() {
    const bool dark =
        m_choice == Choice::Dark || (m_choice == Choice::System && systemPrefersDark());
    m_app.setPalette(dark ? darkPalette() : lightPalette());
}

QPalette Theme::lightPalette() {
    QPalette p(QColor(0xef, 0xf0, 0xf1), QColor(0xfb, 0xfb, 0xfc));
    p.setColor(QPalette::Window, QColor(0xef, 0xf0, 0xf1));
    p.setColor(QPalette::WindowText, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Base, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::AlternateBase, QColor(0xf5, 0xf6, 0xf7));
    p.setColor(QPalette::Text, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Button, QColor(0xf7, 0xf7, 0xf8));
    p.setColor(QPalette::ButtonText, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x7d, 0xd1));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xfe, 0xe8));
    p.setColor(QPalette::ToolTipText, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8e, 0x92));
    p.setColor(QPalette::Link, QColor(0x1d, 0x63, 0xb8));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0xa0, 0xa4, 0xa8));
    return p;
}

QPalette Theme::darkPalette() {
    QPalette p(QColor(0x2f, 0x33, 0x38), QColor(0x23, 0x26, 0x2a));
    p.setColor(QPalette::Window, QColor(0x2a, 0x2e, 0x32));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe8, 0xea));
    p.setColor(QPalette::Base, QColor(0x1e, 0x21, 0x24));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x29, 0x2d));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe8, 0xea));
    p.setColor(QPalette::Button, QColor(0x33, 0x37, 0x3c));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe8, 0xea));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe8, 0xea));
    p.setColor(QPalette::PlaceholderText, QColor(0x80, 0x86, 0x8c));
    p.setColor(QPalette::Link, QColor(0x6c, 0xb2, 0xf5));
    p.setColor(QPalette::Light, QColor(0x44, 0x49, 0x4f));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3f, 0x44));
    p.setColor(QPalette::Mid, QColor(0x25, 0x28, 0x2c));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1c, 0x1f));
    p.setColor(QPalette::Shadow, QColor(0x10, 0x11, 0x13));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x73, 0x78, 0x7e));
    return p;
}

} // namespace tb::ui
