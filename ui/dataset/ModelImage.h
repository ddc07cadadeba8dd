// An image file as the model sees it, for drawing: the engine's decoder and resize, not Qt's,
// so that the browser shows what training reads and says the same about a broken file.
#pragma once

#include <QImage>
#include <QString>

namespace tb::engine {
struct DecodedImage;
}

namespace tb::ui {

/// How image files reach the model: data.image_size and data.color.
struct ImageLook {
    int side = 0;     ///< scaled (shorter side) and centre-cropped to side x side; 0: as is
    int channels = 3; ///< 1 (gray) or 3 (RGB)

    friend bool operator==(const ImageLook& a, const ImageLook& b) {
        return a.side == b.side && a.channels == b.channels;
    }
    friend bool operator!=(const ImageLook& a, const ImageLook& b) { return !(a == b); }
};

/// A copy of `image`'s pixels: Grayscale8 for one channel, RGB888 for three.
QImage toQImage(const tb::engine::DecodedImage& image);

/// Reads `path` with the engine's readImageFile() and fitToSquare(), as training does. Safe
/// on any thread. On failure returns a null image with `problem` set to the engine's message.
QImage readModelImage(const QString& path, const ImageLook& look, QString& problem);

/// An IDX image (Grayscale8) as a model of `side` x `side` inputs sees it: fitToSquare(), as
/// predict fits it; the image itself when it has that size or `side` is 0.
QImage fitIdxImage(const QImage& gray, int side);

} // namespace tb::ui
