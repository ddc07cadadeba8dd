// How the CSV page writes and marks cell values, the same in every table.
#pragma once

#include <QColor>
#include <QString>

namespace tb::ui {

/// A value with 6 significant digits in the current locale (`30.531`, `176,569`,
/// `1.2e-05`); `NaN` for a cell that is not a finite number.
QString formatCsvValue(double value);

/// Text and background of a missing cell, from the application palette (light or dark).
QColor missingTextColor();
QColor missingBackground();

} // namespace tb::ui
