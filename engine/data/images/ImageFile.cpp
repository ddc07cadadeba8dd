#include "engine/data/images/ImageFile.h"

#include "engine/data/DataError.h"
#include "engine/util/Lowered.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <png.h>
// jpeglib.h needs FILE and size_t declared before it.
#include <jerror.h>
#include <jpeglib.h>

namespace tb::engine {
namespace {

/// A decompression bomb (a tiny file declaring 100000 x 100000 pixels) is refused before its
/// pixels are allocated; PIL warns at 89 megapixels.
constexpr std::int64_t kMaxPixels = 100'000'000;
/// No PNG or JPEG of a training set comes near this; a larger file is something else.
constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{1} << 30;

constexpr std::array<std::uint8_t, 8> kPngSignature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
constexpr std::array<std::uint8_t, 3> kJpegSignature{0xFF, 0xD8, 0xFF};

template <std::size_t N>
bool startsWith(const std::uint8_t* bytes, std::size_t size,
                const std::array<std::uint8_t, N>& sig) {
    return size >= N && std::memcmp(bytes, sig.data(), N) == 0;
}

void checkPixelCount(std::int64_t width, std::int64_t height, const std::string& name) {
    if (width <= 0 || height <= 0)
        throw DataError(name + " declares a " + std::to_string(width) + "x" +
                        std::to_string(height) + " image; the file is corrupt, replace it");
    if (width * height > kMaxPixels)
        throw DataError(name + " is " + std::to_string(width) + "x" + std::to_string(height) +
                        " pixels, over the 100-megapixel limit; scale it down before training");
}

/// ITU-R 601 luma on the stored values, as PIL's convert("L") computes it, for PNG and JPEG
/// alike (libpng's own conversion works in linear light and gives darker greys).
DecodedImage toGray(const DecodedImage& rgb) {
    DecodedImage gray{rgb.width, rgb.height, 1, {}};
    gray.pixels.resize(rgb.pixels.size() / 3);
    for (std::size_t i = 0; i < gray.pixels.size(); ++i) {
        const std::uint8_t* p = rgb.pixels.data() + 3 * i;
        gray.pixels[i] = static_cast<std::uint8_t>(
            (p[0] * 19595u + p[1] * 38470u + p[2] * 7471u + 0x8000u) >> 16);
    }
    return gray;
}

DecodedImage decodePng(const std::uint8_t* bytes, std::size_t size, int channels,
                       const std::string& name) {
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, bytes, size))
        throw DataError(name + ": cannot read the PNG header (" + image.message +
                        "); the file is truncated or corrupt, replace it");
    if (image.width * std::int64_t{image.height} > kMaxPixels) {
        png_image_free(&image);
        checkPixelCount(image.width, image.height, name);
    }
    const bool colour = (image.format & PNG_FORMAT_FLAG_COLOR) != 0;
    const int decoded = channels == 1 && !colour ? 1 : 3;
    image.format = decoded == 1 ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB;
    DecodedImage out;
    out.width = static_cast<int>(image.width);
    out.height = static_cast<int>(image.height);
    out.channels = decoded;
    // Zeros: with no background colour given, libpng composites transparency on the buffer.
    out.pixels.assign(PNG_IMAGE_SIZE(image), 0);
    if (!png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr))
        throw DataError(name + ": cannot decode the PNG (" + image.message +
                        "); the file is truncated or corrupt, replace it");
    return decoded == channels ? out : toGray(out);
}

/// libjpeg reports errors by calling error_exit, which must not return: it jumps back to
/// decodeJpegInto. Warnings are kept, since a truncated file is only a warning to libjpeg
/// (it fills the missing rows with grey).
struct JpegErrors {
    jpeg_error_mgr manager;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
    bool truncated;
};

extern "C" void jpegErrorExit(j_common_ptr info) {
    auto* errors = reinterpret_cast<JpegErrors*>(info->err);
    (*info->err->format_message)(info, errors->message);
    std::longjmp(errors->jump, 1);
}

extern "C" void jpegEmitMessage(j_common_ptr info, int level) {
    auto* errors = reinterpret_cast<JpegErrors*>(info->err);
    if (level < 0 && info->err->msg_code == JWRN_JPEG_EOF)
        errors->truncated = true;
}

enum class JpegOutcome { Decoded, Failed, Cmyk, TooLarge };

/// The largest of 1, 2, 4 and 8 that libjpeg can divide the image by (it rounds up) while
/// the shorter side keeps at least `atLeast` pixels: decoding a photo at an eighth of its size
/// skips most of the work when it is bound for a small square anyway (PIL's draft mode).
unsigned jpegScaleDenominator(int width, int height, int atLeast) {
    const int shorter = std::min(width, height);
    unsigned denominator = 1;
    while (atLeast > 0 && denominator < 8 &&
           (shorter + 2 * static_cast<int>(denominator) - 1) /
                   (2 * static_cast<int>(denominator)) >=
               atLeast)
        denominator *= 2;
    return denominator;
}

/// Plain C control flow only: longjmp may not skip a C++ destructor, so everything with one
/// lives in the caller and is reached through `out`.
JpegOutcome decodeJpegInto(const std::uint8_t* bytes, std::size_t size, int channels,
                           int shorterSideAtLeast, JpegErrors& errors, DecodedImage& out) {
    jpeg_decompress_struct info;
    info.err = jpeg_std_error(&errors.manager);
    errors.manager.error_exit = jpegErrorExit;
    errors.manager.emit_message = jpegEmitMessage;
    errors.truncated = false;
    if (setjmp(errors.jump)) {
        jpeg_destroy_decompress(&info);
        return JpegOutcome::Failed;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, bytes, static_cast<unsigned long>(size));
    jpeg_read_header(&info, TRUE);
    if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK) {
        jpeg_destroy_decompress(&info);
        return JpegOutcome::Cmyk;
    }
    out.width = static_cast<int>(info.image_width);
    out.height = static_cast<int>(info.image_height);
    if (std::int64_t{out.width} * out.height > kMaxPixels) {
        jpeg_destroy_decompress(&info);
        return JpegOutcome::TooLarge;
    }
    info.scale_num = 1;
    info.scale_denom = jpegScaleDenominator(out.width, out.height, shorterSideAtLeast);
    const bool gray = channels == 1 && info.jpeg_color_space == JCS_GRAYSCALE;
    info.out_color_space = gray ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&info);
    out.width = static_cast<int>(info.output_width);
    out.height = static_cast<int>(info.output_height);
    out.channels = gray ? 1 : 3;
    const std::size_t stride = static_cast<std::size_t>(out.width) * out.channels;
    out.pixels.resize(stride * static_cast<std::size_t>(out.height));
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = out.pixels.data() + stride * info.output_scanline;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    return JpegOutcome::Decoded;
}

DecodedImage decodeJpeg(const std::uint8_t* bytes, std::size_t size, int channels,
                        int shorterSideAtLeast, const std::string& name) {
    JpegErrors errors{};
    DecodedImage out;
    switch (decodeJpegInto(bytes, size, channels, shorterSideAtLeast, errors, out)) {
    case JpegOutcome::Failed:
        throw DataError(name + ": cannot decode the JPEG (" + std::string(errors.message) +
                        "); the file is corrupt, replace it");
    case JpegOutcome::Cmyk:
        throw DataError(name + " is a CMYK JPEG; save it as RGB (or grayscale) to train on it");
    case JpegOutcome::TooLarge:
        checkPixelCount(out.width, out.height, name);
        break;
    case JpegOutcome::Decoded:
        break;
    }
    if (errors.truncated)
        throw DataError(name + ": the JPEG data ends early; the file is truncated, replace it");
    return out.channels == channels ? out : toGray(out);
}

} // namespace

bool isImageFileName(const std::string& path) {
    const std::string extension = lowered(std::filesystem::path(path).extension().string());
    return extension == ".png" || extension == ".jpg" || extension == ".jpeg";
}

DecodedImage decodeImage(const std::uint8_t* bytes, std::size_t size, int channels,
                         const std::string& name, int shorterSideAtLeast) {
    if (channels != 1 && channels != 3)
        throw DataError(name + ": cannot decode into " + std::to_string(channels) +
                        " channels; 1 (gray) or 3 (RGB)");
    if (size == 0)
        throw DataError(name + " is empty (0 bytes); replace it or delete it");
    if (startsWith(bytes, size, kPngSignature))
        return decodePng(bytes, size, channels, name);
    if (startsWith(bytes, size, kJpegSignature))
        return decodeJpeg(bytes, size, channels, shorterSideAtLeast, name);
    throw DataError(name + " is neither a PNG nor a JPEG image; convert it or delete it");
}

DecodedImage readImageFile(const std::string& path, int channels, int shorterSideAtLeast) {
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error)
        throw DataError(path + " cannot be read: " + error.message());
    if (size > kMaxFileBytes)
        throw DataError(path + " is " + std::to_string(size >> 20) +
                        " MB, too large for a training image; scale it down");
    std::ifstream in(path, std::ios::binary);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    if (!in || !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size)))
        throw DataError(path + " cannot be read: " + std::strerror(errno));
    return decodeImage(bytes.data(), bytes.size(), channels, path, shorterSideAtLeast);
}

} // namespace tb::engine
