#include "engine/training/OptimizerFactory.h"

#include "engine/config/Config.h"

#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/sgd.h>

namespace tb::engine {

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const Config& config,
                                                       std::vector<torch::Tensor> parameters) {
    const std::string name = config.getString("optim.name");
    const double lr = config.getFloat("optim.lr");
    const double decay = config.getFloat("optim.weight_decay");
    const auto betas =
        std::make_tuple(config.getFloat("optim.beta1"), config.getFloat("optim.beta2"));
    if (name == "sgd") {
        return std::make_unique<torch::optim::SGD>(std::move(parameters),
                                                   torch::optim::SGDOptions(lr)
                                                       .momentum(config.getFloat("optim.momentum"))
                                                       .weight_decay(decay));
    }
    if (name == "adam") {
        return std::make_unique<torch::optim::Adam>(
            std::move(parameters), torch::optim::AdamOptions(lr).betas(betas).weight_decay(decay));
    }
    return std::make_unique<torch::optim::AdamW>(
        std::move(parameters), torch::optim::AdamWOptions(lr).betas(betas).weight_decay(decay));
}

void setLearningRate(torch::optim::Optimizer& optimizer, double lr) {
    for (auto& group : optimizer.param_groups())
        group.options().set_lr(lr);
}

} // namespace tb::engine
