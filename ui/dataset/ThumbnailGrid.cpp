#include "ui/dataset/ThumbnailGrid.h"

#include "ui/dataset/IdxImageSet.h"

#include <QGuiApplication>
#include <QListView>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <algorithm>

namespace tb::ui {

namespace {

constexpr int kScale = 2;
constexpr int kCaptionHeight = 28;

} // namespace

QPixmap sampleThumbnail(const ImageSplit& split, qint64 sample) {
    const QImage image = split.image(sample);
    return QPixmap::fromImage(
        image.scaled(image.size() * kScale, Qt::IgnoreAspectRatio, Qt::FastTransformation));
}

QImage squareThumbnail(const QImage& image, int side) {
    if (image.isNull() || side <= 0)
        return {};
    const int longest = std::max(image.width(), image.height());
    QImage scaled = image;
    if (longest * 2 <= side) {
        // Small model inputs (28x28, 32x32) stay sharp, as the IDX samples do.
        scaled = image.scaled(image.size() * (side / longest), Qt::IgnoreAspectRatio,
                              Qt::FastTransformation);
    } else if (longest > side) {
        scaled = image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    if (scaled.size() == QSize(side, side))
        return scaled;
    // Every thumbnail of a grid has one size: the view lays them out from the first one.
    QImage canvas(side, side, QImage::Format_ARGB32_Premultiplied);
    canvas.fill(Qt::transparent);
    QPainter painter(&canvas);
    painter.drawImage((side - scaled.width()) / 2, (side - scaled.height()) / 2, scaled);
    return canvas;
}

QPixmap placeholderThumbnail(int side, bool broken) {
    QPixmap pixmap(side, side);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette palette = QGuiApplication::palette();
    QColor tile = palette.color(QPalette::Text);
    tile.setAlphaF(0.08f);
    painter.setPen(Qt::NoPen);
    painter.setBrush(tile);
    const QRectF rect(0.5, 0.5, side - 1.0, side - 1.0);
    painter.drawRoundedRect(rect, 4, 4);
    if (broken) {
        const QColor red(0xd9, 0x48, 0x3b);
        painter.setPen(QPen(red, 1.5));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4);
        const double inset = side * 0.32;
        painter.setPen(QPen(red, 2.5, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(QPointF(inset, inset), QPointF(side - inset, side - inset));
        painter.drawLine(QPointF(side - inset, inset), QPointF(inset, side - inset));
    }
    return pixmap;
}

void setUpThumbnailGrid(QListView& view) {
    view.setViewMode(QListView::IconMode);
    view.setResizeMode(QListView::Adjust);
    view.setMovement(QListView::Static);
    view.setUniformItemSizes(true);
    view.setLayoutMode(QListView::Batched);
    view.setBatchSize(500);
    setThumbnailSize(view, QSize(28, 28) * kScale);
    view.setSpacing(2);
    view.setWordWrap(false);
    view.setTextElideMode(Qt::ElideRight);
    view.setSelectionMode(QAbstractItemView::SingleSelection);
}

void setThumbnailSize(QListView& view, const QSize& size, int captionWidth) {
    view.setIconSize(size);
    view.setGridSize(
        QSize(std::max(captionWidth, size.width() + 10), size.height() + kCaptionHeight));
}

} // namespace tb::ui
