// How the samples of an image dataset are drawn in a grid: enlarged, captioned, in rows.
#pragma once

#include <QtGlobal>

class QListView;
class QPixmap;

namespace tb::ui {

struct ImageSplit;

/// Sample `sample` of `split` twice its size, pixels kept sharp: a 28x28 digit reads at 56.
QPixmap sampleThumbnail(const ImageSplit& split, qint64 sample);

/// Makes `view` a grid of sampleThumbnail()s with a one-line caption each, laid out in
/// batches so that a 60,000-sample model costs nothing until it is scrolled to.
void setUpThumbnailGrid(QListView& view);

} // namespace tb::ui
