// A small convolutional classifier for 28x28-class images.
#pragma once

#include "engine/models/Model.h"

#include <torch/nn/modules/container/sequential.h>

namespace tb::engine {

/// Options of CnnClassifier.
struct CnnOptions {
    std::int64_t inputChannels = 1;
    std::int64_t height = 28;
    std::int64_t width = 28;
    std::int64_t channels = 32; ///< of the first block; the second has twice as many
    std::int64_t hidden = 128;
    double dropout = 0.25;
    std::int64_t classes = 10;
};

/// Two [Conv3x3 -> BatchNorm -> ReLU -> MaxPool2] blocks, then Linear -> ReLU -> Dropout ->
/// Linear.
class CnnClassifier : public Model {
public:
    explicit CnnClassifier(const CnnOptions& options);
    torch::Tensor forward(const Batch& batch) override;

private:
    torch::nn::Sequential m_features;
    torch::nn::Sequential m_head;
};

} // namespace tb::engine
