// The residual networks He et al. trained on CIFAR-10 (ResNet-20 to -110), for small images of
// any size.
#pragma once

#include "engine/models/Model.h"

#include <torch/nn/modules/container/sequential.h>

namespace tb::engine {

/// Options of ResNetClassifier.
struct ResNetOptions {
    std::int64_t inputChannels = 3;
    std::int64_t blocks = 3; ///< residual blocks per stage: depth 6 * blocks + 2 (3: ResNet-20)
    std::int64_t width = 16; ///< filters of the first stage; each later stage has twice as many
    std::int64_t classes = 10;
};

/// "Deep Residual Learning for Image Recognition" (He et al., 2016), section 4.2: a 3x3
/// convolution, three stages of `blocks` basic blocks (two 3x3 convolutions with batch norm
/// around an identity shortcut) at width, 2x and 4x width filters, the second and third stage
/// halving the resolution, then global average pooling and one fully connected layer.
/// Shortcuts that change shape are 1x1 convolutions with batch norm (the paper's option B, as
/// torchvision's ResNets have them). The pooling makes it take any image size; 32 to 64 pixels
/// is what it was made for. Convolutions start from Kaiming-normal weights (fan out), as in
/// the paper and torchvision.
class ResNetClassifier : public Model {
public:
    explicit ResNetClassifier(const ResNetOptions& options);
    torch::Tensor forward(const Batch& batch) override;

private:
    torch::nn::Sequential m_stem;
    torch::nn::Sequential m_stages;
    torch::nn::Sequential m_head;
};

} // namespace tb::engine
