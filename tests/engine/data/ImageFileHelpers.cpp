#include "ImageFileHelpers.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cstdio>
#include <cstring>
#include <png.h>
#include <stdexcept>
// jpeglib.h needs FILE and size_t declared before it.
#include <jpeglib.h>

namespace tb::test {

engine::DecodedImage patternImage(int width, int height, int channels, int seed) {
    engine::DecodedImage image{width, height, channels, {}};
    image.pixels.resize(static_cast<std::size_t>(width) * height * channels);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < channels; ++c)
                image.pixels[(static_cast<std::size_t>(y) * width + x) * channels + c] =
                    static_cast<std::uint8_t>((x * 37 + y * 11 + c * 80 + seed * 29) % 256);
    return image;
}

void writePng(const QString& path, const engine::DecodedImage& image) {
    png_image png;
    std::memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    png.width = static_cast<png_uint_32>(image.width);
    png.height = static_cast<png_uint_32>(image.height);
    png.format = image.channels == 1   ? PNG_FORMAT_GRAY
                 : image.channels == 3 ? PNG_FORMAT_RGB
                                       : PNG_FORMAT_RGBA;
    if (!png_image_write_to_file(&png, QFile::encodeName(path).constData(), 0, image.pixels.data(),
                                 0, nullptr))
        throw std::runtime_error("cannot write " + path.toStdString() + ": " + png.message);
}

void writeJpeg(const QString& path, const engine::DecodedImage& image, int quality) {
    FILE* file = std::fopen(QFile::encodeName(path).constData(), "wb");
    if (file == nullptr)
        throw std::runtime_error("cannot write " + path.toStdString());
    jpeg_compress_struct info;
    jpeg_error_mgr errors;
    info.err = jpeg_std_error(&errors);
    jpeg_create_compress(&info);
    jpeg_stdio_dest(&info, file);
    info.image_width = static_cast<JDIMENSION>(image.width);
    info.image_height = static_cast<JDIMENSION>(image.height);
    info.input_components = image.channels;
    info.in_color_space = image.channels == 1   ? JCS_GRAYSCALE
                          : image.channels == 3 ? JCS_RGB
                                                : JCS_CMYK;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    const std::size_t stride = static_cast<std::size_t>(image.width) * image.channels;
    while (info.next_scanline < info.image_height) {
        auto* row = const_cast<JSAMPLE*>(image.pixels.data() + stride * info.next_scanline);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    std::fclose(file);
}

void truncateFile(const QString& path, qint64 keep) {
    QFile file(path);
    if (!file.resize(keep))
        throw std::runtime_error("cannot truncate " + path.toStdString());
}

void writeClassImages(const QString& root, const QString& className, int count, int side,
                      int firstSeed) {
    const QString folder = root + "/" + className;
    QDir().mkpath(folder);
    for (int i = 0; i < count; ++i)
        writePng(folder + QString("/%1.png").arg(i, 3, 10, QChar('0')),
                 patternImage(side, side, 3, firstSeed + i));
}

} // namespace tb::test
