// A multi-layer perceptron over flattened images.
#pragma once

#include "engine/models/Model.h"

#include <torch/nn/modules/container/sequential.h>

namespace tb::engine {

/// Options of MlpClassifier.
struct MlpOptions {
    std::int64_t inputSize = 784;
    std::int64_t hidden = 256;
    std::int64_t layers = 2; ///< hidden layers
    double dropout = 0.1;
    std::int64_t classes = 10;
};

/// Flatten -> [Linear -> ReLU -> Dropout] x layers -> Linear.
class MlpClassifier : public Model {
public:
    explicit MlpClassifier(const MlpOptions& options);
    torch::Tensor forward(const Batch& batch) override;

private:
    torch::nn::Sequential m_layers;
};

} // namespace tb::engine
