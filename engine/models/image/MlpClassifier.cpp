#include "engine/models/image/MlpClassifier.h"

#include "engine/models/layers/Dense.h"
#include "engine/models/layers/Dropout.h"

#include <torch/nn/modules/activation.h>

namespace tb::engine {

MlpClassifier::MlpClassifier(const MlpOptions& options) {
    std::int64_t width = options.inputSize;
    for (std::int64_t i = 0; i < options.layers; ++i) {
        m_layers->push_back(Dense(width, options.hidden));
        m_layers->push_back(torch::nn::ReLU(torch::nn::ReLUOptions().inplace(true)));
        if (options.dropout > 0.0)
            m_layers->push_back(Dropout(options.dropout));
        width = options.hidden;
    }
    m_layers->push_back(Dense(width, options.classes));
    register_module("layers", m_layers);
}

torch::Tensor MlpClassifier::forward(const Batch& batch) {
    return m_layers->forward(batch.input.flatten(1));
}

} // namespace tb::engine
