#include "ui/dataset/ModelImage.h"

#include "engine/data/images/ImageFile.h"
#include "engine/data/images/ImageResize.h"

#include <QFile>
#include <exception>

namespace tb::ui {

QImage toQImage(const tb::engine::DecodedImage& image) {
    const QImage::Format format =
        image.channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888;
    if (image.width <= 0 || image.height <= 0 || (image.channels != 1 && image.channels != 3))
        return {};
    // The QImage borrows the pixels, whose rows are not padded; copy() detaches it from them.
    return QImage(image.pixels.data(), image.width, image.height, image.width * image.channels,
                  format)
        .copy();
}

QImage readModelImage(const QString& path, const ImageLook& look, QString& problem) {
    try {
        tb::engine::DecodedImage image = tb::engine::readImageFile(
            QFile::encodeName(path).toStdString(), look.channels, look.side);
        if (look.side > 0)
            image = tb::engine::fitToSquare(image, look.side);
        return toQImage(image);
    } catch (const std::exception& e) {
        // DataError names the file and what is wrong; anything else (out of memory) still
        // must not take down a worker thread.
        problem = QString::fromUtf8(e.what());
        return {};
    }
}

QImage fitIdxImage(const QImage& gray, int side) {
    if (side <= 0 || (gray.width() == side && gray.height() == side) ||
        gray.format() != QImage::Format_Grayscale8)
        return gray;
    tb::engine::DecodedImage image{gray.width(), gray.height(), 1, {}};
    image.pixels.reserve(static_cast<std::size_t>(gray.width() * gray.height()));
    for (int y = 0; y < gray.height(); ++y) {
        const uchar* row = gray.constScanLine(y);
        image.pixels.insert(image.pixels.end(), row, row + gray.width());
    }
    return toQImage(tb::engine::fitToSquare(image, side));
}

} // namespace tb::ui
