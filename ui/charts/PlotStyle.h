// Colours and fonts of every chart, taken from the application palette.
#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

class QCustomPlot;
class QPalette;

namespace tb::ui {

/// Paints a plot's background, axes, grid, legend and title in the palette's colours, so
/// charts follow the light or dark theme.
void applyPlotPalette(QCustomPlot& plot, const QPalette& palette);

/// The colour of a data split (`train`, `val`, `test`), the same in every chart; other
/// names take colours from a fixed cycle by `index`. Brighter variants on dark backgrounds.
QColor seriesColor(const QString& split, int index, bool darkBackground);

/// The colour of the `index`-th of several runs drawn together: the whole cycle, so that
/// ten runs get ten colours.
QColor runColor(int index, bool darkBackground);

/// The line style of the `index`-th run: solid through the first cycle of colours, then
/// dashed, then dotted, so that runs sharing a colour still differ.
Qt::PenStyle runLineStyle(int index);

/// A sample of the `index`-th run's line, `height` pixels high and twice as wide: what legends
/// and column headers show beside its name.
QIcon runSwatch(int index, bool darkBackground, int height);

/// The date format for a time axis showing `spanS` seconds: months over years, days over
/// weeks, hours within a few days.
QString dateFormatForSpan(double spanS);

/// Whether the palette draws dark-on-light (false) or light-on-dark (true).
bool isDark(const QPalette& palette);

} // namespace tb::ui
