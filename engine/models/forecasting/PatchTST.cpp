#include "engine/models/forecasting/PatchTST.h"

#include <cmath>
#include <stdexcept>
#include <torch/nn/functional/activation.h>
#include <torch/nn/modules/batchnorm.h>

namespace tb::engine {
namespace {

/// Batch normalisation over d_model of a [N, T, D] sequence.
torch::Tensor normalized(torch::nn::BatchNorm1d& norm, const torch::Tensor& x) {
    return norm->forward(x.transpose(1, 2)).transpose(1, 2);
}

/// One post-norm Transformer encoder layer of PatchTST ("TSTEncoderLayer" with
/// res_attention): the pre-softmax attention scores of the previous layer are added to this
/// layer's scores.
class EncoderLayer : public torch::nn::Module {
public:
    EncoderLayer(const PatchTstOptions& o)
        : m_heads(o.heads)
        , m_headDim(o.dModel / o.heads)
        , m_scale(1.0 / std::sqrt(static_cast<double>(o.dModel / o.heads))) {
        // Queries, keys and values in one product: three d_model x d_model products of a
        // d_model of 16 cost more in dispatch than in arithmetic.
        m_qkv = register_module("W_QKV", Dense(o.dModel, 3 * o.dModel));
        m_out = register_module("to_out", Dense(o.dModel, o.dModel));
        m_attnNorm = register_module("norm_attn", torch::nn::BatchNorm1d(o.dModel));
        m_ff1 = register_module("ff1", Dense(o.dModel, o.dFf));
        m_ff2 = register_module("ff2", Dense(o.dFf, o.dModel));
        m_ffNorm = register_module("norm_ffn", torch::nn::BatchNorm1d(o.dModel));
        m_dropout = register_module("dropout", Dropout(o.dropout));
    }

    /// `x` [N, T, D]; `scores` the previous layer's [N, H, T, T] or undefined. Returns the
    /// output and this layer's scores.
    std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& x,
                                                    const torch::Tensor& previousScores) {
        const auto n = x.size(0);
        const auto t = x.size(1);
        const auto qkv = m_qkv->forward(x).view({n, t, 3, m_heads, m_headDim});
        const auto q = qkv.select(2, 0).transpose(1, 2);
        const auto k = qkv.select(2, 1).permute({0, 2, 3, 1});
        const auto v = qkv.select(2, 2).transpose(1, 2);
        auto scores = torch::matmul(q, k) * m_scale;
        if (previousScores.defined())
            scores = scores + previousScores;
        const auto context = torch::matmul(torch::softmax(scores, -1), v)
                                 .transpose(1, 2)
                                 .reshape({n, t, m_heads * m_headDim});
        auto y = x + m_dropout->forward(m_dropout->forward(m_out->forward(context)));
        y = normalized(m_attnNorm, y);
        const auto ff = m_ff2->forward(m_dropout->forward(torch::gelu(m_ff1->forward(y))));
        y = normalized(m_ffNorm, y + m_dropout->forward(ff));
        return {y, scores};
    }

private:
    std::int64_t m_heads;
    std::int64_t m_headDim;
    double m_scale;
    Dense m_qkv{nullptr}, m_out{nullptr};
    Dense m_ff1{nullptr}, m_ff2{nullptr};
    torch::nn::BatchNorm1d m_attnNorm{nullptr}, m_ffNorm{nullptr};
    Dropout m_dropout{nullptr};
};

std::int64_t countPatches(const PatchTstOptions& o) {
    if (o.patchLen < 1 || o.stride < 1 || o.patchLen > o.shape.seqLen)
        throw std::invalid_argument("model.patch_len " + std::to_string(o.patchLen) +
                                    " and model.stride " + std::to_string(o.stride) +
                                    " must be at least 1 and patch_len at most data.seq_len " +
                                    std::to_string(o.shape.seqLen));
    return (o.shape.seqLen - o.patchLen) / o.stride + 1 + (o.padEnd ? 1 : 0);
}

} // namespace

PatchTST::PatchTST(const PatchTstOptions& options)
    : m_options(options)
    , m_patches(countPatches(options)) {
    if (options.heads < 1 || options.dModel % options.heads != 0)
        throw std::invalid_argument("model.d_model " + std::to_string(options.dModel) +
                                    " must be a multiple of model.n_heads " +
                                    std::to_string(options.heads));
    const auto& s = options.shape;
    if (options.revin)
        m_revin = register_module(
            "revin", std::make_shared<RevIN>(s.channels, options.affine, options.subtractLast));
    m_embed = register_module("W_P", Dense(options.patchLen, options.dModel));
    m_position = register_parameter(
        "W_pos", torch::empty({m_patches, options.dModel}).uniform_(-0.02, 0.02));
    m_dropout = register_module("dropout", Dropout(options.dropout));
    for (std::int64_t i = 0; i < options.layers; ++i)
        m_layers->push_back(std::make_shared<EncoderLayer>(options));
    register_module("layers", m_layers);
    m_head = register_module("head", Dense(options.dModel * m_patches, s.predLen));
    m_headDropout = register_module("head_dropout", Dropout(options.headDropout));
}

torch::Tensor PatchTST::forward(const Batch& batch) {
    auto x = m_revin ? m_revin->normalize(batch.input) : batch.input; // [B, L, C]
    const auto b = x.size(0);
    const auto c = x.size(2);
    auto series = x.transpose(1, 2); // [B, C, L]
    if (m_options.padEnd)
        series = torch::cat(
            {series, series.narrow(2, series.size(2) - 1, 1).expand({-1, -1, m_options.stride})},
            2);
    const auto patches = series.unfold(2, m_options.patchLen, m_options.stride); // [B,C,N,P]
    auto z = m_embed->forward(patches).reshape({b * c, m_patches, m_options.dModel});
    z = m_dropout->forward(z + m_position);
    torch::Tensor scores;
    for (const auto& layer : *m_layers)
        std::tie(z, scores) = layer->as<EncoderLayer>()->forward(z, scores);
    // Flatten as [d_model, patches], the order of the paper's Flatten_Head.
    const auto flat =
        z.view({b, c, m_patches, m_options.dModel}).transpose(2, 3).reshape({b, c, -1});
    auto y = m_headDropout->forward(m_head->forward(flat)).transpose(1, 2); // [B, P, C]
    if (m_revin)
        y = m_revin->denormalize(y);
    const auto outputs = m_options.shape.outputs;
    return y.narrow(2, c - outputs, outputs);
}

} // namespace tb::engine
