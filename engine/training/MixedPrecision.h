// What `train.amp` changes in a training step. Engine-internal: it exposes LibTorch.
#pragma once

#include "engine/data/Batch.h"
#include "engine/models/Model.h"
#include "engine/training/GradScaler.h"

#include <c10/core/Device.h>
#include <cstdint>
#include <optional>
#include <string>
#include <torch/optim/optimizer.h>

namespace tb::engine {

/// The forward pass under autocast and, for fp16, the loss scaling around backward() and the
/// optimizer step. With `train.amp: off` every call is the plain float32 one. Used on the
/// engine thread.
class MixedPrecision {
public:
    MixedPrecision(const std::string& amp, c10::Device device);

    bool enabled() const { return m_type.has_value(); }
    /// For the run log: `bf16 autocast`, `fp16 autocast, dynamic loss scaling`.
    std::string description() const;

    /// The model's prediction as float32, computed under autocast when enabled, so that
    /// losses and metric sums never run in the lower precision.
    torch::Tensor predict(Model& model, const Batch& batch) const;

    /// backward() of the loss, scaled when fp16 gradients could underflow.
    void backward(const torch::Tensor& loss) const;

    /// Makes the gradients true again before clipping looks at them.
    void unscale(const std::vector<torch::Tensor>& parameters);

    /// Steps the optimizer unless fp16 gradients overflowed (then the step is skipped and
    /// counted).
    void step(torch::optim::Optimizer& optimizer);

    /// The loss scale, for fp16 only.
    std::optional<double> lossScale() const;

    /// The loss scaling's state, for fp16 only; restoreScaler() takes it back in a continued
    /// run (and ignores it when this run does not scale).
    std::optional<GradScaler::State> scalerState() const;
    void restoreScaler(const GradScaler::State& state);

    /// Steps skipped since the last call.
    std::int64_t takeSkippedSteps();

private:
    c10::Device m_device;
    std::optional<c10::ScalarType> m_type;
    std::optional<GradScaler> m_scaler; // fp16 only: bf16 has float32's range
    std::int64_t m_skippedSteps = 0;
};

} // namespace tb::engine
