// Builds the optimizer a config names.
#pragma once

#include <memory>
#include <torch/optim/optimizer.h>
#include <vector>

namespace tb::engine {

class Config;

/// SGD (with momentum), Adam or AdamW over `parameters`, with the `optim.*` fields.
std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const Config& config,
                                                       std::vector<torch::Tensor> parameters);

/// Sets the learning rate of every parameter group.
void setLearningRate(torch::optim::Optimizer& optimizer, double lr);

} // namespace tb::engine
