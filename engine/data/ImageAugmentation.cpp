#include "engine/data/ImageAugmentation.h"

#include "engine/config/Config.h"
#include "engine/data/Permutation.h"

#include <stdexcept>
#include <string>

namespace tb::engine {
namespace {

/// One image's draw: a mirror and an offset of the window it is read through.
struct Draw {
    bool flip = false;
    int dx = 0;
    int dy = 0;
};

/// Plain loops, as in ImageDataset::gather: tensor ops on a loader thread start an OpenMP
/// team that competes with training.
void transformPlane(float* plane, float* scratch, int height, int width, Draw draw, float black) {
    for (int y = 0; y < height; ++y) {
        const int sourceY = y + draw.dy;
        for (int x = 0; x < width; ++x) {
            const int sourceX = (draw.flip ? width - 1 - x : x) + draw.dx;
            const bool inside = sourceY >= 0 && sourceY < height && sourceX >= 0 && sourceX < width;
            scratch[y * width + x] = inside ? plane[sourceY * width + sourceX] : black;
        }
    }
    std::copy(scratch, scratch + static_cast<std::ptrdiff_t>(height) * width, plane);
}

} // namespace

AugmentOptions AugmentOptions::fromConfig(const Config& config) {
    return {config.getBool("data.flip"), static_cast<int>(config.getInt("data.crop_padding"))};
}

ImageAugmentation::ImageAugmentation(AugmentOptions options, std::vector<float> black)
    : m_options(options)
    , m_black(std::move(black)) {}

void ImageAugmentation::apply(Batch& batch, std::mt19937_64& random) const {
    torch::Tensor& images = batch.input;
    if (images.dim() != 4 || images.scalar_type() != torch::kFloat32 || !images.is_contiguous() ||
        images.size(1) != static_cast<std::int64_t>(m_black.size()))
        throw std::invalid_argument("ImageAugmentation needs contiguous float images [B," +
                                    std::to_string(m_black.size()) + ",H,W]");
    const auto count = images.size(0);
    const auto channels = static_cast<std::size_t>(images.size(1));
    const int height = static_cast<int>(images.size(2));
    const int width = static_cast<int>(images.size(3));
    const auto plane = static_cast<std::size_t>(height) * static_cast<std::size_t>(width);
    std::vector<float> scratch(plane);
    float* pixels = images.data_ptr<float>();
    const auto shift = static_cast<std::uint64_t>(m_options.shift);
    for (std::int64_t i = 0; i < count; ++i) {
        // Every draw is made whatever the options, so that turning one on leaves the other's
        // draws as they were.
        Draw draw;
        draw.flip = drawAtMost(random, 1) == 1 && m_options.flip;
        draw.dx = static_cast<int>(drawAtMost(random, 2 * shift)) - m_options.shift;
        draw.dy = static_cast<int>(drawAtMost(random, 2 * shift)) - m_options.shift;
        for (std::size_t c = 0; c < channels; ++c)
            transformPlane(pixels + (static_cast<std::size_t>(i) * channels + c) * plane,
                           scratch.data(), height, width, draw, m_black[c]);
    }
}

} // namespace tb::engine
