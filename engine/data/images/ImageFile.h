// Reading PNG and JPEG files into 8-bit pixels, without LibTorch: the UI draws with it too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tb::engine {

/// An image as 8-bit pixels, row by row, the channels of a pixel side by side (HWC).
struct DecodedImage {
    int width = 0;
    int height = 0;
    int channels = 0; ///< 1 (gray) or 3 (RGB)
    std::vector<std::uint8_t> pixels;
};

/// Whether `path` ends in .png, .jpg or .jpeg (any case): the files an image folder holds.
bool isImageFileName(const std::string& path);

/// Decodes PNG or JPEG bytes (told apart by their signature, not by a file name) into
/// `channels` 1 (gray) or 3 (RGB) channels: colour becomes gray as PIL's convert("L") has it
/// (601 luma), gray is repeated into RGB, transparency is composited on black.
/// `shorterSideAtLeast` above 0 lets a JPEG decode at a half, a quarter or an eighth of its size
/// (libjpeg's DCT scaling, PIL's draft mode) as long as its shorter side keeps that many pixels:
/// for a photo bound for a small square, several times faster. Throws DataError naming `name`
/// and the problem: not a PNG or JPEG, truncated, corrupt, a CMYK JPEG, larger than 100
/// megapixels.
DecodedImage decodeImage(const std::uint8_t* bytes, std::size_t size, int channels,
                         const std::string& name, int shorterSideAtLeast = 0);

/// Reads and decodes the file at `path` (see decodeImage). Throws DataError naming the path.
///
/// Example: `DecodedImage cat = readImageFile("pets/train/cat/001.jpg", 3);`
DecodedImage readImageFile(const std::string& path, int channels, int shorterSideAtLeast = 0);

} // namespace tb::engine
