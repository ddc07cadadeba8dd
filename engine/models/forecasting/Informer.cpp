#include "engine/models/forecasting/Informer.h"

#include "engine/models/forecasting/InformerAttention.h"

#include <cmath>
#include <torch/nn/functional/activation.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/pooling.h>

namespace tb::engine {
namespace {

/// Sinusoidal positions [length, dModel] of "Attention Is All You Need".
torch::Tensor sinusoidalPositions(std::int64_t length, std::int64_t dModel) {
    const auto position = torch::arange(length, torch::kFloat32).unsqueeze(1);
    const auto frequency =
        torch::exp(torch::arange(0, dModel, 2, torch::kFloat32) * (-std::log(10000.0) / dModel));
    auto table = torch::zeros({length, dModel});
    table.slice(1, 0, dModel, 2).copy_(torch::sin(position * frequency));
    table.slice(1, 1, dModel, 2).copy_(torch::cos(position * frequency).narrow(1, 0, dModel / 2));
    return table;
}

/// Layer normalisation in the weights' type. Under autocast the input may be bf16; CUDA's
/// autocast runs layer_norm in float32 anyway, and LibTorch 1.13's CPU kernel refuses a bf16
/// input with float32 weights.
torch::Tensor normalized(torch::nn::LayerNorm& norm, const torch::Tensor& x) {
    return norm->forward(x.to(norm->weight.scalar_type()));
}

torch::nn::Conv1dOptions circularConv(std::int64_t in, std::int64_t out) {
    return torch::nn::Conv1dOptions(in, out, 3).padding(1).padding_mode(torch::kCircular);
}

InformerAttentionOptions attentionOptions(const InformerOptions& o, bool probSparse, bool causal,
                                          bool mix) {
    InformerAttentionOptions a;
    a.dModel = o.dModel;
    a.heads = o.heads;
    a.probSparse = probSparse;
    a.factor = o.factor;
    a.causal = causal;
    a.mix = mix;
    a.dropout = o.dropout;
    return a;
}

} // namespace

/// Value (circular convolution), position (sinusoidal) and time-feature (linear) embeddings,
/// with biases as in the Informer repository (Time-Series-Library later dropped them).
class InformerEmbedding : public torch::nn::Module {
public:
    InformerEmbedding(std::int64_t channels, std::int64_t timeFeatures, std::int64_t maxLength,
                      const InformerOptions& o) {
        m_value =
            register_module("value_embedding", torch::nn::Conv1d(circularConv(channels, o.dModel)));
        torch::nn::init::kaiming_normal_(m_value->weight, 0.0, torch::kFanIn, torch::kLeakyReLU);
        m_position = register_buffer("position", sinusoidalPositions(maxLength, o.dModel));
        m_time = register_module("temporal_embedding", Dense(timeFeatures, o.dModel));
        m_dropout = register_module("dropout", Dropout(o.dropout));
    }

    /// `x` [B, L, C], `marks` [B, L, F] -> [B, L, dModel].
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& marks) {
        const auto value = m_value->forward(x.transpose(1, 2)).transpose(1, 2);
        return m_dropout->forward(value + m_position.narrow(0, 0, x.size(1)) +
                                  m_time->forward(marks));
    }

private:
    torch::nn::Conv1d m_value{nullptr};
    torch::Tensor m_position;
    Dense m_time{nullptr};
    Dropout m_dropout{nullptr};
};

/// Position-wise feed-forward block: the reference's kernel-1 convolutions, as linear layers.
class FeedForward : public torch::nn::Module {
public:
    explicit FeedForward(const InformerOptions& o) {
        m_in = register_module("conv1", Dense(o.dModel, o.dFf));
        m_out = register_module("conv2", Dense(o.dFf, o.dModel));
        m_dropout = register_module("dropout", Dropout(o.dropout));
    }
    torch::Tensor forward(const torch::Tensor& x) {
        return m_dropout->forward(
            m_out->forward(m_dropout->forward(torch::gelu(m_in->forward(x)))));
    }

private:
    Dense m_in{nullptr}, m_out{nullptr};
    Dropout m_dropout{nullptr};
};

class InformerEncoderLayer : public torch::nn::Module {
public:
    explicit InformerEncoderLayer(const InformerOptions& o) {
        m_attention = register_module(
            "attention",
            std::make_shared<InformerAttention>(attentionOptions(o, o.probSparse, false, false)));
        m_feedForward = register_module("feed_forward", std::make_shared<FeedForward>(o));
        m_norm1 =
            register_module("norm1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({o.dModel})));
        m_norm2 =
            register_module("norm2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({o.dModel})));
        m_dropout = register_module("dropout", Dropout(o.dropout));
    }
    torch::Tensor forward(const torch::Tensor& x) {
        const auto y = normalized(m_norm1, x + m_dropout->forward(m_attention->forward(x, x, x)));
        return normalized(m_norm2, y + m_feedForward->forward(y));
    }

private:
    std::shared_ptr<InformerAttention> m_attention;
    std::shared_ptr<FeedForward> m_feedForward;
    torch::nn::LayerNorm m_norm1{nullptr}, m_norm2{nullptr};
    Dropout m_dropout{nullptr};
};

/// Self-attention distilling: halves the sequence between encoder layers.
class InformerDistilLayer : public torch::nn::Module {
public:
    explicit InformerDistilLayer(std::int64_t dModel) {
        m_conv = register_module("downConv", torch::nn::Conv1d(circularConv(dModel, dModel)));
        m_norm = register_module("norm", torch::nn::BatchNorm1d(dModel));
        m_pool = register_module(
            "maxPool", torch::nn::MaxPool1d(torch::nn::MaxPool1dOptions(3).stride(2).padding(1)));
    }
    torch::Tensor forward(const torch::Tensor& x) {
        const auto y = torch::elu(m_norm->forward(m_conv->forward(x.transpose(1, 2))));
        return m_pool->forward(y).transpose(1, 2);
    }

private:
    torch::nn::Conv1d m_conv{nullptr};
    torch::nn::BatchNorm1d m_norm{nullptr};
    torch::nn::MaxPool1d m_pool{nullptr};
};

class InformerDecoderLayer : public torch::nn::Module {
public:
    explicit InformerDecoderLayer(const InformerOptions& o) {
        m_selfAttention = register_module(
            "self_attention",
            std::make_shared<InformerAttention>(attentionOptions(o, o.probSparse, true, o.mix)));
        m_crossAttention = register_module(
            "cross_attention",
            std::make_shared<InformerAttention>(attentionOptions(o, false, false, false)));
        m_feedForward = register_module("feed_forward", std::make_shared<FeedForward>(o));
        m_norm1 =
            register_module("norm1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({o.dModel})));
        m_norm2 =
            register_module("norm2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({o.dModel})));
        m_norm3 =
            register_module("norm3", torch::nn::LayerNorm(torch::nn::LayerNormOptions({o.dModel})));
        m_dropout = register_module("dropout", Dropout(o.dropout));
    }
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& memory) {
        auto y = normalized(m_norm1, x + m_dropout->forward(m_selfAttention->forward(x, x, x)));
        y = normalized(m_norm2,
                       y + m_dropout->forward(m_crossAttention->forward(y, memory, memory)));
        return normalized(m_norm3, y + m_feedForward->forward(y));
    }

private:
    std::shared_ptr<InformerAttention> m_selfAttention;
    std::shared_ptr<InformerAttention> m_crossAttention;
    std::shared_ptr<FeedForward> m_feedForward;
    torch::nn::LayerNorm m_norm1{nullptr}, m_norm2{nullptr}, m_norm3{nullptr};
    Dropout m_dropout{nullptr};
};

Informer::Informer(const InformerOptions& options)
    : m_options(options) {
    const auto& s = options.shape;
    const auto decoderLength = s.labelLen + s.predLen;
    m_encoderEmbedding = register_module(
        "enc_embedding",
        std::make_shared<InformerEmbedding>(s.channels, s.timeFeatures, s.seqLen, options));
    m_decoderEmbedding = register_module(
        "dec_embedding",
        std::make_shared<InformerEmbedding>(s.channels, s.timeFeatures, decoderLength, options));
    for (std::int64_t i = 0; i < options.encoderLayers; ++i)
        m_encoderLayers->push_back(std::make_shared<InformerEncoderLayer>(options));
    if (options.distil) {
        for (std::int64_t i = 0; i + 1 < options.encoderLayers; ++i)
            m_distilLayers->push_back(std::make_shared<InformerDistilLayer>(options.dModel));
    }
    register_module("encoder_layers", m_encoderLayers);
    register_module("distil_layers", m_distilLayers);
    m_encoderNorm = register_module(
        "encoder_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({options.dModel})));
    for (std::int64_t i = 0; i < options.decoderLayers; ++i)
        m_decoderLayers->push_back(std::make_shared<InformerDecoderLayer>(options));
    register_module("decoder_layers", m_decoderLayers);
    m_decoderNorm = register_module(
        "decoder_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({options.dModel})));
    m_projection = register_module("projection", Dense(options.dModel, s.outputs));
}

torch::Tensor Informer::forward(const Batch& batch) {
    const auto& s = m_options.shape;
    auto memory = m_encoderEmbedding->forward(batch.input, batch.inputMark);
    for (std::size_t i = 0; i < m_encoderLayers->size(); ++i) {
        memory = m_encoderLayers->at<InformerEncoderLayer>(i).forward(memory);
        if (i < m_distilLayers->size())
            memory = m_distilLayers->at<InformerDistilLayer>(i).forward(memory);
    }
    memory = normalized(m_encoderNorm, memory);

    // The decoder starts from the known end of the input and placeholders for the forecast.
    const auto known = batch.target.narrow(1, 0, s.labelLen);
    const auto decoderInput = torch::cat(
        {known, torch::zeros({known.size(0), s.predLen, known.size(2)}, known.options())}, 1);
    auto y = m_decoderEmbedding->forward(decoderInput, batch.targetMark);
    for (const auto& layer : *m_decoderLayers)
        y = layer->as<InformerDecoderLayer>()->forward(y, memory);
    y = m_projection->forward(normalized(m_decoderNorm, y));
    return y.narrow(1, y.size(1) - s.predLen, s.predLen);
}

} // namespace tb::engine
