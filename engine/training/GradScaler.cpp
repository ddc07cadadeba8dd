#include "engine/training/GradScaler.h"

#include <ATen/ops/_amp_foreach_non_finite_check_and_unscale.h>
#include <torch/types.h>

namespace tb::engine {
namespace {

std::vector<torch::Tensor> gradientsOf(const std::vector<torch::Tensor>& parameters) {
    std::vector<torch::Tensor> grads;
    for (const torch::Tensor& p : parameters) {
        if (p.grad().defined())
            grads.push_back(p.grad());
    }
    return grads;
}

std::vector<torch::Tensor> parametersOf(const torch::optim::Optimizer& optimizer) {
    std::vector<torch::Tensor> parameters;
    for (const auto& group : optimizer.param_groups())
        parameters.insert(parameters.end(), group.params().begin(), group.params().end());
    return parameters;
}

// LibTorch 1.13 has the fused kernel for CUDA only; on the CPU one pass per tensor does the
// same work.
void unscaleOnCpu(const std::vector<torch::Tensor>& grads, torch::Tensor& foundInf,
                  const torch::Tensor& invScale) {
    for (const torch::Tensor& g : grads) {
        g.mul_(invScale);
        foundInf.add_(torch::isfinite(g).logical_not().any());
    }
}

} // namespace

GradScaler::GradScaler(GradScalerOptions options)
    : m_options(options)
    , m_scale(options.initScale) {}

torch::Tensor GradScaler::scale(const torch::Tensor& loss) const {
    return loss * m_scale;
}

void GradScaler::unscale(const std::vector<torch::Tensor>& parameters) {
    const std::vector<torch::Tensor> grads = gradientsOf(parameters);
    m_unscaled = true;
    if (grads.empty())
        return;
    const auto options = grads.front().options().dtype(torch::kFloat);
    m_foundInf = torch::zeros({1}, options);
    const torch::Tensor invScale = torch::full({1}, 1.0 / m_scale, options);
    if (grads.front().is_cpu())
        unscaleOnCpu(grads, m_foundInf, invScale);
    else
        at::_amp_foreach_non_finite_check_and_unscale_(grads, m_foundInf, invScale);
}

bool GradScaler::step(torch::optim::Optimizer& optimizer) {
    if (!m_unscaled)
        unscale(parametersOf(optimizer));
    const bool overflowed = m_foundInf.defined() && m_foundInf.item<float>() > 0.0F;
    if (!overflowed)
        optimizer.step();

    if (overflowed) {
        m_scale *= m_options.backoffFactor;
        m_goodSteps = 0;
    } else if (++m_goodSteps >= m_options.growthInterval) {
        m_scale *= m_options.growthFactor;
        m_goodSteps = 0;
    }
    m_unscaled = false;
    m_foundInf = torch::Tensor();
    return !overflowed;
}

} // namespace tb::engine
