#include "engine/data/images/ImageResize.h"

#include <algorithm>
#include <cmath>

namespace tb::engine {
namespace {

/// The input samples and weights that make one output sample along an axis.
struct Taps {
    int first = 0;
    std::vector<double> weights;
};

/// PIL's antialiased bilinear filter: a triangle widened by the scale when shrinking.
std::vector<Taps> resampleTaps(int inSize, int outSize) {
    const double scale = static_cast<double>(inSize) / outSize;
    const double width = std::max(scale, 1.0);
    std::vector<Taps> taps(static_cast<std::size_t>(outSize));
    for (int o = 0; o < outSize; ++o) {
        const double centre = (o + 0.5) * scale;
        const int first = std::max(static_cast<int>(centre - width + 0.5), 0);
        const int last = std::min(static_cast<int>(centre + width + 0.5), inSize);
        Taps& t = taps[static_cast<std::size_t>(o)];
        t.first = first;
        double sum = 0.0;
        for (int i = first; i < last; ++i) {
            const double w = std::max(0.0, 1.0 - std::abs((i - centre + 0.5) / width));
            t.weights.push_back(w);
            sum += w;
        }
        for (double& w : t.weights)
            w = sum > 0.0 ? w / sum : 0.0;
    }
    return taps;
}

/// Output columns [x0, x0 + outWidth) and rows [y0, y0 + outHeight) of `image` scaled to
/// scaledWidth x scaledHeight.
DecodedImage resampleRegion(const DecodedImage& image, int scaledWidth, int scaledHeight, int x0,
                            int y0, int outWidth, int outHeight) {
    const int c = image.channels;
    const auto across = resampleTaps(image.width, scaledWidth);
    const auto down = resampleTaps(image.height, scaledHeight);
    // Horizontal pass over every input row, kept in double for the vertical pass.
    std::vector<double> rows(static_cast<std::size_t>(image.height) * outWidth * c);
    for (int y = 0; y < image.height; ++y) {
        const std::uint8_t* in =
            image.pixels.data() + static_cast<std::size_t>(y) * image.width * c;
        double* out = rows.data() + static_cast<std::size_t>(y) * outWidth * c;
        for (int x = 0; x < outWidth; ++x) {
            const Taps& t = across[static_cast<std::size_t>(x0 + x)];
            for (int k = 0; k < c; ++k) {
                double sum = 0.0;
                for (std::size_t j = 0; j < t.weights.size(); ++j)
                    sum += t.weights[j] * in[(t.first + static_cast<int>(j)) * c + k];
                out[x * c + k] = sum;
            }
        }
    }
    DecodedImage result;
    result.width = outWidth;
    result.height = outHeight;
    result.channels = c;
    result.pixels.resize(static_cast<std::size_t>(outWidth) * outHeight * c);
    const std::size_t stride = static_cast<std::size_t>(outWidth) * c;
    for (int y = 0; y < outHeight; ++y) {
        const Taps& t = down[static_cast<std::size_t>(y0 + y)];
        for (std::size_t i = 0; i < stride; ++i) {
            double sum = 0.0;
            for (std::size_t j = 0; j < t.weights.size(); ++j)
                sum += t.weights[j] * rows[(t.first + j) * stride + i];
            result.pixels[y * stride + i] =
                static_cast<std::uint8_t>(std::clamp(std::lround(sum), 0L, 255L));
        }
    }
    return result;
}

} // namespace

DecodedImage fitToSquare(const DecodedImage& image, int side) {
    if (image.width == side && image.height == side)
        return image;
    const bool wide = image.width >= image.height;
    const double shorter = wide ? image.height : image.width;
    const double longer = wide ? image.width : image.height;
    // torchvision's Resize truncates the longer side.
    const int scaledLonger = std::max(side, static_cast<int>(side * longer / shorter));
    const int scaledWidth = wide ? scaledLonger : side;
    const int scaledHeight = wide ? side : scaledLonger;
    // CenterCrop rounds the offset.
    const int x0 = static_cast<int>(std::lround((scaledWidth - side) / 2.0));
    const int y0 = static_cast<int>(std::lround((scaledHeight - side) / 2.0));
    return resampleRegion(image, scaledWidth, scaledHeight, x0, y0, side, side);
}

} // namespace tb::engine
