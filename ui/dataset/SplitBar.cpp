#include "ui/dataset/SplitBar.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace tb::ui {

namespace {

constexpr int kBarHeight = 12;
constexpr int kGap = 6;

} // namespace

SplitBar::SplitBar(QWidget* parent)
    : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void SplitBar::setSegments(std::vector<Segment> segments) {
    m_segments = std::move(segments);
    setToolTip(summary());
    update();
}

QString SplitBar::summary() const {
    QStringList parts;
    for (const Segment& s : m_segments) {
        QString part = QStringLiteral("%1 %2").arg(s.name, QLocale().toString(s.count));
        if (!s.note.isEmpty())
            part += QStringLiteral(" (%1)").arg(s.note);
        parts << part;
    }
    return parts.join(QStringLiteral(" \u00b7 "));
}

QSize SplitBar::sizeHint() const {
    return {300, kBarHeight + kGap + fontMetrics().height() + 2};
}

QSize SplitBar::minimumSizeHint() const {
    return {100, sizeHint().height()};
}

void SplitBar::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    qint64 total = 0;
    for (const Segment& s : m_segments)
        total += s.count;
    if (total <= 0)
        return;

    const QRectF bar(0.5, 0.5, width() - 1.0, kBarHeight);
    QPainterPath clip;
    clip.addRoundedRect(bar, 4, 4);
    painter.setClipPath(clip);
    painter.setPen(Qt::NoPen);
    double x = bar.left();
    for (const Segment& s : m_segments) {
        const double w = bar.width() * static_cast<double>(s.count) / static_cast<double>(total);
        painter.setBrush(s.color);
        painter.drawRect(QRectF(x, bar.top(), w, bar.height()));
        x += w;
    }
    painter.setClipping(false);

    // The legend: a swatch and the count of every split, left to right.
    int legendX = 0;
    const int textTop = kBarHeight + kGap;
    const int swatch = fontMetrics().height() / 2;
    for (const Segment& s : m_segments) {
        painter.setBrush(s.color);
        painter.setPen(Qt::NoPen);
        painter.drawRoundedRect(QRectF(legendX, textTop + swatch / 2.0, swatch, swatch), 2, 2);
        legendX += swatch + 4;
        const QString text = QStringLiteral("%1 %2").arg(s.name, QLocale().toString(s.count));
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QPoint(legendX, textTop + fontMetrics().ascent()), text);
        legendX += fontMetrics().horizontalAdvance(text);
        if (!s.note.isEmpty()) {
            // Quieter than the count: it explains the number, it is not one.
            const QString note = QStringLiteral("  %1").arg(s.note);
            painter.setPen(palette().color(QPalette::PlaceholderText));
            painter.drawText(QPoint(legendX, textTop + fontMetrics().ascent()), note);
            legendX += fontMetrics().horizontalAdvance(note);
        }
        legendX += 14;
    }
}

} // namespace tb::ui
