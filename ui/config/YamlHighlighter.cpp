#include "ui/config/YamlHighlighter.h"

#include <QApplication>
#include <QPalette>
#include <QRegularExpression>

namespace tb::ui {

namespace {

QTextCharFormat colored(const QColor& color, bool bold = false) {
    QTextCharFormat format;
    format.setForeground(color);
    if (bold)
        format.setFontWeight(QFont::DemiBold);
    return format;
}

} // namespace

YamlHighlighter::YamlHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document) {}

void YamlHighlighter::highlightBlock(const QString& text) {
    // Colours are picked per block so that a theme switch shows on the next rehighlight.
    const bool dark = QApplication::palette().color(QPalette::Base).lightness() < 128;
    const QColor keyColor = dark ? QColor(0x7a, 0xb8, 0xf5) : QColor(0x1d, 0x5f, 0xb0);
    const QColor numberColor = dark ? QColor(0xe0, 0xa8, 0x5a) : QColor(0xa6, 0x55, 0x00);
    const QColor wordColor = dark ? QColor(0xc7, 0x92, 0xea) : QColor(0x80, 0x30, 0xa8);
    const QColor stringColor = dark ? QColor(0x9c, 0xd6, 0x8a) : QColor(0x2e, 0x7d, 0x32);
    const QColor commentColor = dark ? QColor(0x80, 0x88, 0x90) : QColor(0x80, 0x86, 0x8c);

    static const QRegularExpression keyPattern(QStringLiteral(R"(^\s*(-\s+)?([\w./-]+)\s*:)"));
    static const QRegularExpression valuePattern(QStringLiteral(R"(:\s*([^#]*?)\s*(#.*)?$)"));
    static const QRegularExpression numberPattern(
        QStringLiteral(R"(^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$)"));
    static const QRegularExpression wordPattern(QStringLiteral(R"(^(true|false|null|~)$)"));

    const auto comment = text.indexOf(QLatin1Char('#'));
    if (text.trimmed().startsWith(QLatin1Char('#'))) {
        setFormat(0, static_cast<int>(text.size()), colored(commentColor));
        return;
    }
    const auto key = keyPattern.match(text);
    if (key.hasMatch())
        setFormat(static_cast<int>(key.capturedStart(2)), static_cast<int>(key.capturedLength(2)),
                  colored(keyColor, true));
    const auto value = valuePattern.match(text);
    if (value.hasMatch() && value.capturedLength(1) > 0) {
        const QString v = value.captured(1);
        const QColor color = numberPattern.match(v).hasMatch() ? numberColor
                             : wordPattern.match(v).hasMatch() ? wordColor
                                                               : stringColor;
        setFormat(static_cast<int>(value.capturedStart(1)),
                  static_cast<int>(value.capturedLength(1)), colored(color));
    }
    if (comment > 0 && value.hasMatch() && value.capturedStart(2) >= 0)
        setFormat(static_cast<int>(value.capturedStart(2)),
                  static_cast<int>(value.capturedLength(2)), colored(commentColor));
}

} // namespace tb::ui
