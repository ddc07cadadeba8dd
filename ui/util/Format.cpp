#include "ui/util/Format.h"

#include <QLocale>
#include <algorithm>
#include <cmath>

namespace tb::ui {

QString formatBytes(std::int64_t bytes) {
    if (bytes < 0)
        return {};
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString formatDuration(double seconds) {
    if (seconds < 0 || !std::isfinite(seconds))
        return {};
    const auto total = static_cast<std::int64_t>(std::llround(seconds));
    const auto hours = total / 3600;
    const auto minutes = (total % 3600) / 60;
    const auto secs = total % 60;
    if (hours > 0)
        return QStringLiteral("%1 h %2 min").arg(hours).arg(minutes, 2, 10, QLatin1Char('0'));
    if (minutes > 0)
        return QStringLiteral("%1 min %2 s").arg(minutes).arg(secs, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 s").arg(secs);
}

QString formatSeconds(double seconds) {
    if (seconds >= 59.95 || seconds < 0 || !std::isfinite(seconds))
        return formatDuration(seconds);
    return QStringLiteral("%1 s").arg(QString::number(seconds, 'g', 3));
}

QString formatRate(double perSecond) {
    return QStringLiteral("%1/s").arg(QLocale().toString(std::llround(perSecond)));
}

QString formatMetric(double value) {
    if (!std::isfinite(value))
        return QString::number(value);
    // Throughputs and counts read better whole and grouped than in e-notation.
    if (std::abs(value) >= 1e4)
        return QLocale().toString(std::llround(value));
    return QString::number(value, 'g', 4);
}

QString formatPercent(double share, int decimals) {
    double percent = 100.0 * share;
    if (decimals < 0) {
        // Rounding must not make a mistake look like none, or almost all look like all.
        if (percent <= 0.0 || percent >= 100.0 || (percent >= 10.0 && percent <= 99.5)) {
            decimals = 0;
        } else if (percent < 0.1) {
            decimals = 2;
            percent = std::max(percent, 0.01);
        } else {
            decimals = 1;
            percent = std::min(percent, 99.9);
        }
    }
    return QStringLiteral("%1%").arg(QString::number(percent, 'f', decimals));
}

QStringList firstLines(const QStringList& lines, qsizetype most) {
    if (lines.size() <= most)
        return lines;
    QStringList first = lines.mid(0, most - 1);
    first << QObject::tr("\u2026 and %1 more").arg(QLocale().toString(lines.size() - first.size()));
    return first;
}

} // namespace tb::ui
