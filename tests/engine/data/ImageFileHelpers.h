// Shared by the image tests: small PNG and JPEG files written by the tests themselves, whole or
// broken on purpose.
#pragma once

#include "engine/data/images/ImageFile.h"

#include <QString>
#include <cstdint>

namespace tb::test {

/// A width x height image whose pixel bytes follow from (x, y, channel, seed): tests can tell
/// images apart and predict their pixels.
engine::DecodedImage patternImage(int width, int height, int channels, int seed);

/// Writes `image` as an 8-bit PNG: 1 channel gray, 3 RGB, 4 RGBA.
void writePng(const QString& path, const engine::DecodedImage& image);

/// Writes `image` as a baseline JPEG: 1 channel gray, 3 RGB, 4 CMYK.
void writeJpeg(const QString& path, const engine::DecodedImage& image, int quality = 95);

/// Cuts the file at `path` to its first `keep` bytes.
void truncateFile(const QString& path, qint64 keep);

/// Writes `count` pattern PNGs (side x side, RGB) into root/<className>/, named 000.png, 001.png,
/// ... with seeds from `firstSeed` on.
void writeClassImages(const QString& root, const QString& className, int count, int side = 8,
                      int firstSeed = 0);

} // namespace tb::test
