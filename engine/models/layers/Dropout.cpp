#include "engine/models/layers/Dropout.h"

#include <ostream>
#include <stdexcept>
#include <string>
#include <torch/nn/functional/dropout.h>

namespace tb::engine {

DropoutImpl::DropoutImpl(double p)
    : p(p) {
    if (p < 0.0 || p > 1.0)
        throw std::invalid_argument("dropout must lie in [0, 1], got " + std::to_string(p));
}

void DropoutImpl::pretty_print(std::ostream& stream) const {
    stream << "tb::engine::Dropout(p=" << p << ")";
}

torch::Tensor DropoutImpl::forward(const torch::Tensor& x) {
    if (!is_training() || p == 0.0)
        return x;
    if (!x.device().is_cpu() || !x.is_floating_point() || p == 1.0)
        return torch::nn::functional::dropout(
            x, torch::nn::functional::DropoutFuncOptions().p(p).training(true));
    // The kept share scaled, as one tensor that autograd keeps for the backward pass, as
    // LibTorch's own dropout does with its Bernoulli mask.
    const double keep = 1.0 - p;
    torch::Tensor mask = torch::empty_like(x).uniform_();
    mask.lt_(keep).mul_(1.0 / keep);
    return x * mask;
}

} // namespace tb::engine
