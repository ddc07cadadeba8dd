#include "ui/dataset/CsvCellFormat.h"

#include "ui/charts/PlotStyle.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <cmath>

namespace tb::ui {

QString formatCsvValue(double value) {
    if (!std::isfinite(value))
        return QStringLiteral("NaN");
    return QLocale().toString(value, 'g', 6);
}

QColor missingTextColor() {
    return isDark(QGuiApplication::palette()) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c);
}

// The tint of a field with a problem in the config form.
QColor missingBackground() {
    return isDark(QGuiApplication::palette()) ? QColor(0x5a, 0x26, 0x24) : QColor(0xfd, 0xe4, 0xe2);
}

} // namespace tb::ui
