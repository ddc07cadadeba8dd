// Image classification samples held in memory as two tensors.
#pragma once

#include "engine/data/Dataset.h"

#include <array>
#include <vector>

namespace tb::engine {

/// How stored bytes become the model's input: x / 255, less the channel's mean, over its
/// standard deviation (mean 0 and std 1 leave the scaling to [0, 1]).
struct PixelScaling {
    std::vector<float> mean; ///< one per channel
    std::vector<float> std;  ///< one per channel, > 0
};

/// Images and their class labels: floats already scaled or normalized, or bytes scaled as each
/// batch is gathered (a quarter of the memory, for image folders). gather() copies rows and is
/// safe to call from several threads at once.
///
/// Example:
/// ```
/// auto train = std::make_shared<ImageDataset>(images, labels); // [N,1,28,28] float, [N] int64
/// Batch batch = train->gather({3, 1, 4});
/// ```
class ImageDataset final : public Dataset {
public:
    /// `images` float [N,C,H,W], `labels` int64 [N]; both made contiguous. Throws
    /// std::invalid_argument when the shapes or types do not fit together.
    ImageDataset(torch::Tensor images, torch::Tensor labels);
    /// `pixels` uint8 [N,C,H,W], `labels` int64 [N]; `scaling` has C means and stds. Throws
    /// std::invalid_argument when they do not fit together.
    ImageDataset(torch::Tensor pixels, torch::Tensor labels, const PixelScaling& scaling);

    std::int64_t size() const override { return m_labels.size(0); }
    Batch gather(const std::vector<std::int64_t>& indices) const override;

    /// float [N,C,H,W], or uint8 [N,C,H,W] before scaling.
    const torch::Tensor& images() const { return m_images; }
    const torch::Tensor& labels() const { return m_labels; }

private:
    void checkLabels() const;
    Batch gatherScaled(const std::vector<std::int64_t>& indices) const;

    torch::Tensor m_images;
    torch::Tensor m_labels;
    /// For byte images: each channel's 256 input values as the model sees them.
    std::vector<std::array<float, 256>> m_byteToInput;
};

} // namespace tb::engine
