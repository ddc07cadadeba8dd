// Dynamic loss scaling for float16 training. Engine-internal: it exposes LibTorch.
#pragma once

#include <cstdint>
#include <torch/optim/optimizer.h>
#include <vector>

namespace tb::engine {

/// How the loss scale moves; the defaults are PyTorch's GradScaler's.
struct GradScalerOptions {
    /// The scale of the first step. Example: `GradScalerOptions{}.initScale = 1024.0;`
    double initScale = 65536.0;
    /// Multiplies the scale after `growthInterval` steps in a row without an overflow.
    double growthFactor = 2.0;
    /// Multiplies the scale after a step whose gradients overflowed.
    double backoffFactor = 0.5;
    std::int64_t growthInterval = 2000;
};

/// Float16 gradients of small losses underflow to zero, so the loss is multiplied by a large
/// scale before backward() and the gradients divided by it before the optimizer sees them. A
/// step whose gradients hold an inf or NaN is skipped and the scale halved; after a run of
/// good steps it doubles. The scale lives on the host (LibTorch's C++ optimizers keep their
/// own step counts there too); each step costs one device-to-host read of the overflow flag,
/// which deciding whether to step needs anyway. One per run, used on the engine thread.
class GradScaler {
public:
    /// Where the scale stands: what a continued run takes over.
    struct State {
        double scale = 0.0;
        std::int64_t goodSteps = 0;
    };

    explicit GradScaler(GradScalerOptions options = {});

    /// The loss times the current scale, for backward().
    torch::Tensor scale(const torch::Tensor& loss) const;

    /// Divides the parameters' gradients by the scale in place and notes whether any element
    /// is inf or NaN. Call it once per optimizer step, before clipping; step() calls it when
    /// it has not been.
    void unscale(const std::vector<torch::Tensor>& parameters);

    /// Runs `optimizer.step()` unless the gradients overflowed, then moves the scale. Returns
    /// whether the optimizer stepped.
    bool step(torch::optim::Optimizer& optimizer);

    double currentScale() const { return m_scale; }
    State state() const { return {m_scale, m_goodSteps}; }
    void restore(const State& state) {
        m_scale = state.scale;
        m_goodSteps = state.goodSteps;
    }

private:
    GradScalerOptions m_options;
    double m_scale;
    std::int64_t m_goodSteps = 0;
    torch::Tensor m_foundInf; // 1 element; > 0 once an unscaled gradient was not finite
    bool m_unscaled = false;
};

} // namespace tb::engine
