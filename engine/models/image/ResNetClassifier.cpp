#include "engine/models/image/ResNetClassifier.h"

#include "engine/models/layers/Dense.h"

#include <torch/nn/functional/activation.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/pooling.h>

namespace tb::engine {
namespace {

torch::nn::Conv2d conv(std::int64_t in, std::int64_t out, std::int64_t kernel,
                       std::int64_t stride) {
    torch::nn::Conv2d layer(
        torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2).bias(false));
    torch::nn::init::kaiming_normal_(layer->weight, 0.0, torch::kFanOut, torch::kReLU);
    return layer;
}

/// Two 3x3 convolutions with batch norm, added to the input (or to its 1x1 projection when the
/// block changes the width or the resolution), then ReLU.
class BasicBlockImpl : public torch::nn::Module {
public:
    BasicBlockImpl(std::int64_t in, std::int64_t out, std::int64_t stride) {
        m_residual->push_back(conv(in, out, 3, stride));
        m_residual->push_back(torch::nn::BatchNorm2d(out));
        m_residual->push_back(torch::nn::ReLU(torch::nn::ReLUOptions().inplace(true)));
        m_residual->push_back(conv(out, out, 3, 1));
        m_residual->push_back(torch::nn::BatchNorm2d(out));
        register_module("residual", m_residual);
        if (stride != 1 || in != out) {
            m_shortcut->push_back(conv(in, out, 1, stride));
            m_shortcut->push_back(torch::nn::BatchNorm2d(out));
            register_module("shortcut", m_shortcut);
        }
    }

    torch::Tensor forward(const torch::Tensor& x) {
        const torch::Tensor identity = m_shortcut->is_empty() ? x : m_shortcut->forward(x);
        return torch::relu(m_residual->forward(x) + identity);
    }

private:
    torch::nn::Sequential m_residual;
    torch::nn::Sequential m_shortcut;
};

TORCH_MODULE(BasicBlock);

} // namespace

ResNetClassifier::ResNetClassifier(const ResNetOptions& options) {
    m_stem->push_back(conv(options.inputChannels, options.width, 3, 1));
    m_stem->push_back(torch::nn::BatchNorm2d(options.width));
    m_stem->push_back(torch::nn::ReLU(torch::nn::ReLUOptions().inplace(true)));
    std::int64_t in = options.width;
    for (int stage = 0; stage < 3; ++stage) {
        const std::int64_t out = options.width << stage;
        for (std::int64_t block = 0; block < options.blocks; ++block) {
            m_stages->push_back(BasicBlock(in, out, stage > 0 && block == 0 ? 2 : 1));
            in = out;
        }
    }
    m_head->push_back(torch::nn::AdaptiveAvgPool2d(1));
    m_head->push_back(torch::nn::Flatten());
    m_head->push_back(Dense(in, options.classes));
    register_module("stem", m_stem);
    register_module("stages", m_stages);
    register_module("head", m_head);
}

torch::Tensor ResNetClassifier::forward(const Batch& batch) {
    return m_head->forward(m_stages->forward(m_stem->forward(batch.input)));
}

} // namespace tb::engine
