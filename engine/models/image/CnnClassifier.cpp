#include "engine/models/image/CnnClassifier.h"

#include "engine/models/layers/Dense.h"
#include "engine/models/layers/Dropout.h"

#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/pooling.h>

namespace tb::engine {
namespace {

void appendConvBlock(torch::nn::Sequential& layers, std::int64_t in, std::int64_t out) {
    layers->push_back(
        torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1).bias(false)));
    layers->push_back(torch::nn::BatchNorm2d(out));
    layers->push_back(torch::nn::ReLU(torch::nn::ReLUOptions().inplace(true)));
    layers->push_back(torch::nn::MaxPool2d(2));
}

} // namespace

CnnClassifier::CnnClassifier(const CnnOptions& options) {
    appendConvBlock(m_features, options.inputChannels, options.channels);
    appendConvBlock(m_features, options.channels, 2 * options.channels);
    const std::int64_t flat = 2 * options.channels * (options.height / 4) * (options.width / 4);
    m_head->push_back(Dense(flat, options.hidden));
    m_head->push_back(torch::nn::ReLU(torch::nn::ReLUOptions().inplace(true)));
    if (options.dropout > 0.0)
        m_head->push_back(Dropout(options.dropout));
    m_head->push_back(Dense(options.hidden, options.classes));
    register_module("features", m_features);
    register_module("head", m_head);
}

torch::Tensor CnnClassifier::forward(const Batch& batch) {
    return m_head->forward(m_features->forward(batch.input).flatten(1));
}

} // namespace tb::engine
