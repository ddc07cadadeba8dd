#include "engine/training/GradientNorm.h"

namespace tb::engine {

torch::Tensor gradientNorm(const std::vector<torch::Tensor>& parameters) {
    std::vector<torch::Tensor> norms;
    for (const auto& parameter : parameters)
        if (parameter.grad().defined())
            norms.push_back(parameter.grad().detach().norm());
    if (norms.empty())
        return torch::zeros({});
    return torch::stack(norms).norm();
}

} // namespace tb::engine
