// One mini-batch as the models and the training loop see it.
#pragma once

#include <torch/types.h>

namespace tb::engine {

/// Inputs and targets of one mini-batch; the first dimension is the batch.
/// Image classification: input [B,C,H,W] float, target [B] int64.
/// Forecasting: input [B,seq_len,C], target [B,label_len+pred_len,C], and the time features
/// of both windows in inputMark / targetMark (undefined for images).
struct Batch {
    torch::Tensor input;
    torch::Tensor target;
    torch::Tensor inputMark;
    torch::Tensor targetMark;

    std::int64_t size() const { return input.defined() ? input.size(0) : 0; }
    /// Copies every defined tensor to `device` (non-blocking from pinned memory on CUDA).
    Batch to(const torch::Device& device, bool nonBlocking = false) const;
};

} // namespace tb::engine
