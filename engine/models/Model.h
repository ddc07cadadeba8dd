// The interface every trainable model implements.
#pragma once

#include "engine/data/Batch.h"

#include <torch/nn/module.h>

namespace tb::engine {

/// A torch module that maps a whole Batch to its prediction, so image classifiers (which
/// read `input`) and forecasters (which also read the time marks) share one training loop.
/// Classification returns logits [B, classes]; forecasting returns [B, pred_len, C_out].
class Model : public torch::nn::Module {
public:
    virtual torch::Tensor forward(const Batch& batch) = 0;
};

} // namespace tb::engine
