// How large a step's gradient is: the figure that shows a run blowing up before its loss does.
#pragma once

#include <torch/types.h>
#include <vector>

namespace tb::engine {

/// The L2 norm of the gradients of all `parameters` taken as one vector, as
/// torch::nn::utils::clip_grad_norm_ measures it, on their device (no host sync); 0 when no
/// parameter has a gradient.
torch::Tensor gradientNorm(const std::vector<torch::Tensor>& parameters);

} // namespace tb::engine
