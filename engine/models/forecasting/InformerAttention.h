// Informer's attention: ProbSparse self-attention (Zhou et al., AAAI 2021) and full attention.
#pragma once

#include "engine/models/layers/Dense.h"
#include "engine/models/layers/Dropout.h"

namespace tb::engine {

/// Full scaled dot-product attention. `q` [B,H,L,E], `k` [B,H,S,E], `v` [B,H,S,D] ->
/// [B,H,L,D]; `causal` hides later keys (L == S); `dropout` acts on the attention weights.
torch::Tensor fullAttention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                            bool causal, Dropout& dropout);

/// ProbSparse attention: scores only the u = factor * ceil(ln L) queries whose attention is
/// the most peaked, judged on factor * ceil(ln S) keys drawn at random (torch's global
/// generator) per query; the other queries get the mean of the values, or with `causal`
/// their running sum, as in the reference implementation. Same shapes as fullAttention; with
/// u >= L it equals fullAttention without dropout.
torch::Tensor probSparseAttention(const torch::Tensor& q, const torch::Tensor& k,
                                  const torch::Tensor& v, std::int64_t factor, bool causal);

/// Each query's scores against its own sampled keys: `q` [B,H,L,E], `k` [B,H,S,E], `drawn`
/// [L, samples] key indices -> [B,H,L,samples]. Taken from the full product, one block of
/// queries at a time (about `blockElements` floats each), then gathered: copying out each
/// query's keys instead, as the reference does, writes B*H*L*samples*E floats and ran 30 times
/// slower at a 1,056-step decoder.
torch::Tensor sampledScores(const torch::Tensor& q, const torch::Tensor& k,
                            const torch::Tensor& drawn,
                            std::int64_t blockElements = std::int64_t{1} << 26);

/// Options of one Informer attention layer.
struct InformerAttentionOptions {
    std::int64_t dModel = 512;
    std::int64_t heads = 8;
    bool probSparse = true;
    std::int64_t factor = 5;
    bool causal = false;
    /// Read the heads' outputs back as [L, H*D] from [H, L, D] memory, as Informer's decoder
    /// self-attention does (`mix`).
    bool mix = false;
    double dropout = 0.05; ///< on full attention's weights (ProbSparse has none)
};

/// Projections to heads, the attention, and the output projection (Informer's AttentionLayer).
class InformerAttention : public torch::nn::Module {
public:
    explicit InformerAttention(const InformerAttentionOptions& options);
    /// `queries` [B,L,D], `keys` and `values` [B,S,D] -> [B,L,D].
    torch::Tensor forward(const torch::Tensor& queries, const torch::Tensor& keys,
                          const torch::Tensor& values);

private:
    InformerAttentionOptions m_options;
    Dense m_query{nullptr}, m_key{nullptr}, m_value{nullptr}, m_out{nullptr};
    Dropout m_dropout{nullptr};
};

} // namespace tb::engine
