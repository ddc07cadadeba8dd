// decodeImage and fitToSquare on any bytes: a DataError, or pixels that fill the declared size.
#include "FuzzInput.h"
#include "engine/data/DataError.h"
#include "engine/data/images/ImageFile.h"
#include "engine/data/images/ImageResize.h"

using namespace tb::engine;
using tb::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    for (const int channels : {1, 3}) {
        try {
            const DecodedImage image = decodeImage(data, size, channels, "fuzz");
            require(image.channels == channels, "the channels asked for");
            require(image.width > 0 && image.height > 0, "a positive size");
            require(image.pixels.size() == static_cast<std::size_t>(image.width) * image.height *
                                               static_cast<std::size_t>(channels),
                    "a byte per pixel and channel");
            const DecodedImage fitted = fitToSquare(image, 5);
            require(fitted.width == 5 && fitted.height == 5 &&
                        fitted.pixels.size() == 25u * channels,
                    "a 5x5 square");
        } catch (const DataError&) {
        }
    }
    return 0;
}
