#include "engine/models/forecasting/InformerAttention.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace tb::engine {
namespace {

double scaleFor(const torch::Tensor& q) {
    return 1.0 / std::sqrt(static_cast<double>(q.size(-1)));
}

torch::Tensor causalMask(std::int64_t rows, std::int64_t columns, const torch::Device& device) {
    return torch::ones({rows, columns}, torch::TensorOptions(torch::kBool).device(device)).triu(1);
}

/// factor * ceil(ln length), at most `length`; at least 1, where the paper's count is 0 for a
/// length of 1 (a short input distilled by several encoder layers) and would score nothing.
std::int64_t sampleCount(std::int64_t factor, std::int64_t length) {
    const auto count =
        factor * static_cast<std::int64_t>(std::ceil(std::log(static_cast<double>(length))));
    return std::clamp<std::int64_t>(count, 1, length);
}

/// The `top` queries of each head whose sampled scores are the most peaked: max minus mean.
torch::Tensor activeQueries(const torch::Tensor& q, const torch::Tensor& k, std::int64_t factor,
                            std::int64_t top) {
    // Only the indices leave this function: no gradient would flow through the scores.
    torch::NoGradGuard noGrad;
    const auto keys = k.size(2);
    // Drawn on the CPU, as the reference does, so a seed gives the same keys on any device.
    const auto drawn =
        torch::randint(keys, {q.size(2), sampleCount(factor, keys)}, torch::kInt64).to(q.device());
    const auto sampled = sampledScores(q, k, drawn);
    const auto sparsity =
        std::get<0>(sampled.max(-1)) - sampled.sum(-1) / static_cast<double>(keys);
    return std::get<1>(sparsity.topk(top, -1, /*largest=*/true, /*sorted=*/false));
}

} // namespace

torch::Tensor sampledScores(const torch::Tensor& q, const torch::Tensor& k,
                            const torch::Tensor& drawn, std::int64_t blockElements) {
    const auto b = q.size(0), h = q.size(1), l = q.size(2);
    const auto keys = k.size(2), samples = drawn.size(1);
    const auto block = std::max<std::int64_t>(1, blockElements / (b * h * keys));
    const auto keysT = k.transpose(-2, -1);
    std::vector<torch::Tensor> blocks;
    for (std::int64_t start = 0; start < l; start += block) {
        const auto rows = std::min(block, l - start);
        const auto scores = torch::matmul(q.narrow(2, start, rows), keysT); // [B,H,rows,S]
        blocks.push_back(
            scores.gather(3, drawn.narrow(0, start, rows).expand({b, h, rows, samples})));
    }
    return torch::cat(blocks, 2);
}

torch::Tensor fullAttention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                            bool causal, Dropout& dropout) {
    auto scores = torch::matmul(q, k.transpose(-2, -1));
    if (causal)
        scores = scores.masked_fill(causalMask(q.size(2), k.size(2), q.device()),
                                    -std::numeric_limits<double>::infinity());
    return torch::matmul(dropout->forward(torch::softmax(scores * scaleFor(q), -1)), v);
}

torch::Tensor probSparseAttention(const torch::Tensor& q, const torch::Tensor& k,
                                  const torch::Tensor& v, std::int64_t factor, bool causal) {
    const auto b = q.size(0), h = q.size(1), l = q.size(2), e = q.size(3);
    const auto d = v.size(3);
    if (causal && l != v.size(2))
        throw std::invalid_argument("causal ProbSparse attention needs as many queries as keys");
    const auto top = sampleCount(factor, l);
    const auto active = activeQueries(q, k, factor, top); // [B,H,top]
    const auto chosen = q.gather(2, active.unsqueeze(-1).expand({b, h, top, e}));
    auto scores = torch::matmul(chosen, k.transpose(-2, -1)) * scaleFor(q); // [B,H,top,S]
    if (causal) {
        const auto mask = causalMask(l, k.size(2), q.device())
                              .index_select(0, active.reshape({-1}))
                              .view(scores.sizes());
        scores = scores.masked_fill(mask, -std::numeric_limits<double>::infinity());
    }
    const auto updated = torch::matmul(torch::softmax(scores, -1), v); // [B,H,top,D]
    const auto context = causal ? v.cumsum(2) : v.mean(2, true).expand({b, h, l, d});
    return context.scatter(2, active.unsqueeze(-1).expand({b, h, top, d}), updated);
}

InformerAttention::InformerAttention(const InformerAttentionOptions& options)
    : m_options(options) {
    if (options.heads < 1 || options.dModel % options.heads != 0)
        throw std::invalid_argument("model.d_model " + std::to_string(options.dModel) +
                                    " must be a multiple of model.n_heads " +
                                    std::to_string(options.heads));
    m_query = register_module("query_projection", Dense(options.dModel, options.dModel));
    m_key = register_module("key_projection", Dense(options.dModel, options.dModel));
    m_value = register_module("value_projection", Dense(options.dModel, options.dModel));
    m_out = register_module("out_projection", Dense(options.dModel, options.dModel));
    m_dropout = register_module("dropout", Dropout(options.dropout));
}

torch::Tensor InformerAttention::forward(const torch::Tensor& queries, const torch::Tensor& keys,
                                         const torch::Tensor& values) {
    const auto b = queries.size(0), l = queries.size(1), s = keys.size(1);
    const auto h = m_options.heads;
    const auto heads = [&](Dense& projection, const torch::Tensor& x, std::int64_t n) {
        return projection->forward(x).view({b, n, h, -1}).transpose(1, 2); // [B,H,n,E]
    };
    const auto q = heads(m_query, queries, l);
    const auto k = heads(m_key, keys, s);
    const auto v = heads(m_value, values, s);
    const auto out = m_options.probSparse
                         ? probSparseAttention(q, k, v, m_options.factor, m_options.causal)
                         : fullAttention(q, k, v, m_options.causal, m_dropout); // [B,H,L,D]
    const auto merged =
        m_options.mix ? out.contiguous().view({b, l, -1}) : out.transpose(1, 2).reshape({b, l, -1});
    return m_out->forward(merged);
}

} // namespace tb::engine
