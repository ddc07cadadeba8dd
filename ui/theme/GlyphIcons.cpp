#include "ui/theme/GlyphIcons.h"

#include "ui/theme/AccentColors.h"

#include <QApplication>
#include <QIconEngine>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

namespace tb::ui {

namespace {

// Glyphs are drawn on a 24 x 24 grid and scaled to the requested rectangle.
constexpr qreal kGrid = 24.0;

QColor accentColor(Glyph glyph) {
    switch (glyph) {
    case Glyph::Train:
    case Glyph::Sweep:
        return accent::kGood;
    case Glyph::Pause:
        return accent::kPaused;
    case Glyph::Stop:
        return accent::kProblem;
    case Glyph::Checkpoint:
        return accent::kBusy;
    default:
        return QApplication::palette().color(QPalette::ButtonText);
    }
}

QPen strokePen(const QColor& color) {
    return QPen(color, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
}

void drawTray(QPainter& p, const QColor& color) {
    p.setPen(strokePen(color));
    p.setBrush(Qt::NoBrush);
    p.drawPolyline(QPolygonF({{4, 14}, {4, 20}, {20, 20}, {20, 14}}));
}

void drawArrow(QPainter& p, const QColor& color, bool down) {
    p.setPen(strokePen(color));
    const qreal tip = down ? 15 : 3;
    const qreal tail = down ? 3 : 15;
    p.drawLine(QPointF(12, tail), QPointF(12, tip));
    const qreal wing = down ? tip - 5 : tip + 5;
    p.drawPolyline(QPolygonF({{7, wing}, {12, tip}, {17, wing}}));
}

void drawFolder(QPainter& p, const QColor& color) {
    QPainterPath path;
    path.moveTo(3, 7);
    path.lineTo(3, 19);
    path.lineTo(21, 19);
    path.lineTo(21, 9);
    path.lineTo(11, 9);
    path.lineTo(9, 6);
    path.lineTo(4, 6);
    path.closeSubpath();
    p.setPen(strokePen(color));
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
}

void drawMerge(QPainter& p, const QColor& color) {
    p.setPen(strokePen(color));
    p.setBrush(Qt::NoBrush);
    QPainterPath path;
    path.moveTo(6, 3);
    path.lineTo(6, 9);
    path.cubicTo(6, 13, 12, 13, 12, 17);
    path.moveTo(18, 3);
    path.lineTo(18, 9);
    path.cubicTo(18, 13, 12, 13, 12, 17);
    path.lineTo(12, 21);
    p.drawPath(path);
    p.drawPolyline(QPolygonF({{8.5, 18.5}, {12, 21.5}, {15.5, 18.5}}));
}

void drawRefresh(QPainter& p, const QColor& color) {
    p.setPen(strokePen(color));
    p.setBrush(Qt::NoBrush);
    p.drawArc(QRectF(4, 4, 16, 16), 60 * 16, 280 * 16);
    p.drawPolyline(QPolygonF({{15, 2.5}, {16.5, 6}, {13, 7.5}}));
}

void drawApp(QPainter& p) {
    QLinearGradient background(0, 0, 0, kGrid);
    background.setColorAt(0, QColor(0x3b, 0x8f, 0xe6));
    background.setColorAt(1, QColor(0x1d, 0x5f, 0xb0));
    p.setPen(Qt::NoPen);
    p.setBrush(background);
    p.drawRoundedRect(QRectF(1, 1, 22, 22), 5, 5);
    QPen grid(QColor(255, 255, 255, 60), 0.8);
    p.setPen(grid);
    for (qreal y : {8.0, 13.0, 18.0})
        p.drawLine(QPointF(5, y), QPointF(19, y));
    // A falling loss curve: what every run on this bench hopes to draw.
    QPainterPath curve;
    curve.moveTo(5, 6);
    curve.cubicTo(8, 14, 11, 16, 19, 17);
    p.setPen(QPen(Qt::white, 2.0, Qt::SolidLine, Qt::RoundCap));
    p.setBrush(Qt::NoBrush);
    p.drawPath(curve);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xff, 0xc8, 0x4a));
    p.drawEllipse(QPointF(19, 17), 2.0, 2.0);
}

void drawGlyph(QPainter& p, Glyph glyph, const QColor& color) {
    switch (glyph) {
    case Glyph::Train: {
        QPainterPath play;
        play.moveTo(7, 4.5);
        play.lineTo(19.5, 12);
        play.lineTo(7, 19.5);
        play.closeSubpath();
        p.setPen(QPen(color, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(color);
        p.drawPath(play);
        break;
    }
    case Glyph::Sweep: {
        // Two plays in a row: one run after another.
        QPainterPath plays;
        for (qreal x : {3.0, 12.0}) {
            plays.moveTo(x, 6);
            plays.lineTo(x + 9, 12);
            plays.lineTo(x, 18);
            plays.closeSubpath();
        }
        p.setPen(QPen(color, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(color);
        p.drawPath(plays);
        break;
    }
    case Glyph::Pause:
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawRoundedRect(QRectF(6, 4.5, 4, 15), 1.2, 1.2);
        p.drawRoundedRect(QRectF(14, 4.5, 4, 15), 1.2, 1.2);
        break;
    case Glyph::Stop:
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawRoundedRect(QRectF(5.5, 5.5, 13, 13), 2, 2);
        break;
    case Glyph::Checkpoint:
    case Glyph::SaveFile:
        drawTray(p, color);
        drawArrow(p, color, true);
        break;
    case Glyph::OpenFile:
        drawTray(p, color);
        drawArrow(p, color, false);
        break;
    case Glyph::OpenWorkspace:
        drawFolder(p, color);
        break;
    case Glyph::MergeWorkspace:
        drawMerge(p, color);
        break;
    case Glyph::Refresh:
        drawRefresh(p, color);
        break;
    case Glyph::App:
        drawApp(p);
        break;
    }
}

class GlyphIconEngine : public QIconEngine {
public:
    explicit GlyphIconEngine(Glyph glyph)
        : m_glyph(glyph) {}

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override {
        QColor color = accentColor(m_glyph);
        if (mode == QIcon::Disabled) {
            color = QApplication::palette().color(QPalette::Disabled, QPalette::ButtonText);
            color.setAlphaF(0.6);
        }
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const qreal side = std::min(rect.width(), rect.height());
        painter->translate(rect.x() + (rect.width() - side) / 2.0,
                           rect.y() + (rect.height() - side) / 2.0);
        painter->scale(side / kGrid, side / kGrid);
        if (mode == QIcon::Disabled && m_glyph == Glyph::App)
            painter->setOpacity(0.5);
        drawGlyph(*painter, m_glyph, color);
        painter->restore();
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override {
        QPixmap pixmap(size * scale);
        pixmap.fill(Qt::transparent);
        {
            QPainter painter(&pixmap);
            paint(&painter, QRect(QPoint(0, 0), size * scale), mode, state);
        }
        pixmap.setDevicePixelRatio(scale);
        return pixmap;
    }

    QIconEngine* clone() const override { return new GlyphIconEngine(m_glyph); }

private:
    Glyph m_glyph;
};

} // namespace

QIcon glyphIcon(Glyph glyph) {
    return QIcon(new GlyphIconEngine(glyph));
}

} // namespace tb::ui
