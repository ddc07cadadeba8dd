#include "ui/dataset/ThumbnailGrid.h"

#include "ui/dataset/IdxImageSet.h"

#include <QListView>
#include <QPixmap>

namespace tb::ui {

namespace {

constexpr int kScale = 2;

} // namespace

QPixmap sampleThumbnail(const ImageSplit& split, qint64 sample) {
    const QImage image = split.image(sample);
    return QPixmap::fromImage(
        image.scaled(image.size() * kScale, Qt::IgnoreAspectRatio, Qt::FastTransformation));
}

void setUpThumbnailGrid(QListView& view) {
    view.setViewMode(QListView::IconMode);
    view.setResizeMode(QListView::Adjust);
    view.setMovement(QListView::Static);
    view.setUniformItemSizes(true);
    view.setLayoutMode(QListView::Batched);
    view.setBatchSize(500);
    view.setGridSize(QSize(92, 84));
    view.setIconSize(QSize(28, 28) * kScale);
    view.setSpacing(2);
    view.setWordWrap(false);
    view.setTextElideMode(Qt::ElideRight);
    view.setSelectionMode(QAbstractItemView::SingleSelection);
}

} // namespace tb::ui
