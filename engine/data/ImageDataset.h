// Image classification samples held in memory as two tensors.
#pragma once

#include "engine/data/Dataset.h"

namespace tb::engine {

/// Images and their class labels, already scaled or normalized. gather() copies rows
/// and is safe to call from several threads at once.
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

    std::int64_t size() const override { return m_labels.size(0); }
    Batch gather(const std::vector<std::int64_t>& indices) const override;

    const torch::Tensor& images() const { return m_images; }
    const torch::Tensor& labels() const { return m_labels; }

private:
    torch::Tensor m_images;
    torch::Tensor m_labels;
};

} // namespace tb::engine
