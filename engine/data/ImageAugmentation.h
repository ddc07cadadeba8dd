// Random mirroring and shifting of training images, torchvision's RandomHorizontalFlip and
// RandomCrop(size, padding).
#pragma once

#include "engine/data/BatchTransform.h"

#include <vector>

namespace tb::engine {

class Config;

/// What to vary in each training image.
struct AugmentOptions {
    bool flip = false; ///< mirror left-right with probability 1/2
    int shift = 0;     ///< move by up to this many pixels each way, filling with black

    bool any() const { return flip || shift > 0; }
    /// Reads data.flip and data.crop_padding.
    static AugmentOptions fromConfig(const Config& config);
};

/// Applies AugmentOptions to float batches [B,C,H,W] as the model sees them. `black` holds
/// each channel's value of a black pixel after scaling (0 unstandardized; -mean/std when
/// standardized), which fills what a shift uncovers, as RandomCrop's zero padding does before
/// torchvision's Normalize.
///
/// Example: `ImageAugmentation augment({true, 4}, {-0.42f, -0.45f, -0.40f});`
class ImageAugmentation final : public BatchTransform {
public:
    ImageAugmentation(AugmentOptions options, std::vector<float> black);
    void apply(Batch& batch, std::mt19937_64& random) const override;

private:
    AugmentOptions m_options;
    std::vector<float> m_black;
};

} // namespace tb::engine
