// How the samples of an image dataset are drawn in a grid: enlarged, captioned, in rows.
#pragma once

#include <QtGlobal>

class QImage;
class QListView;
class QPixmap;
class QSize;

namespace tb::ui {

struct ImageSplit;

/// The side of an image file's thumbnail: a 64x64 model input at its own size.
constexpr int kFileThumbnailSide = 64;

/// Sample `sample` of `split` twice its size, pixels kept sharp: a 28x28 digit reads at 56.
QPixmap sampleThumbnail(const ImageSplit& split, qint64 sample);

/// `image` in a `side` x `side` square: enlarged by a whole factor with sharp pixels when it
/// is at most half the side, shrunk smoothly when larger, centred on transparency when not
/// square. Safe on any thread.
QImage squareThumbnail(const QImage& image, int side);

/// A `side` x `side` stand-in for a thumbnail: a faint tile while the image is decoded, and
/// a tile crossed out in red when it cannot be read.
QPixmap placeholderThumbnail(int side, bool broken);

/// Makes `view` a grid of sampleThumbnail()s with a one-line caption each, laid out in
/// batches so that a 60,000-sample model costs nothing until it is scrolled to.
void setUpThumbnailGrid(QListView& view);

/// Sizes `view`'s cells for thumbnails of `size` with a caption of at least `captionWidth`.
void setThumbnailSize(QListView& view, const QSize& size, int captionWidth = 92);

} // namespace tb::ui
