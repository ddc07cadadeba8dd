// Human-readable numbers for labels, tables and tooltips.
#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <string>

namespace tb::ui {

/// `1.5 GiB`, `512 MiB`; an empty string for a negative (unknown) size.
QString formatBytes(std::int64_t bytes);
/// `42 s`, `3 min 05 s`, `2 h 04 min`; an empty string for a negative duration.
QString formatDuration(double seconds);
/// `0.842 s`, `26.3 s` under a minute (three significant digits), formatDuration's beyond:
/// an epoch's time, where tenths matter.
QString formatSeconds(double seconds);
/// `12,345/s` with digit grouping of the current locale.
QString formatRate(double perSecond);
/// A metric value with 4 significant digits (`0.3124`, `1.2e-05`), large ones whole
/// (`24,030`).
QString formatMetric(double value);

/// A share of a whole as a percentage: `91%` from 10 % up, `4.2%` below, `0.04%` under 0.1 %
/// and `99.6%` short of all (neither rounds to `0%` or `100%`, which mean none and all);
/// `decimals` >= 0 fixes the decimals instead.
QString formatPercent(double share, int decimals = -1);

/// `1 run`, `4 runs`: the count and its noun, singular only for one.
inline QString countOf(long long count, const QString& singular, const QString& plural) {
    return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? singular : plural);
}

/// The lines as they are when there are at most `most`, else the first `most` - 1 and
/// "… and N more": a label or message box as tall as a list of thousands would not fit a screen.
QStringList firstLines(const QStringList& lines, qsizetype most);

inline QString toQString(const std::string& text) {
    return QString::fromStdString(text);
}

} // namespace tb::ui
