// Informer (Zhou et al., AAAI 2021): ProbSparse attention, a distilling encoder and a
// generative decoder that forecasts every step in one pass.
#pragma once

#include "engine/models/Model.h"
#include "engine/models/forecasting/ForecastShape.h"
#include "engine/models/layers/Dense.h"

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/normalization.h>

namespace tb::engine {

/// Options of Informer, defaulting to the paper's (and its repository's main_informer.py).
struct InformerOptions {
    ForecastShape shape;
    std::int64_t dModel = 512;
    std::int64_t heads = 8;
    std::int64_t encoderLayers = 2;
    std::int64_t decoderLayers = 1;
    std::int64_t dFf = 2048;
    /// ProbSparse sampling factor c: u = c * ceil(ln L) queries are scored in full.
    std::int64_t factor = 5;
    double dropout = 0.05;
    /// ProbSparse self-attention (`prob`); false: full attention everywhere.
    bool probSparse = true;
    /// Halve the sequence between encoder layers (convolution, ELU, max-pool).
    bool distil = true;
    /// The decoder self-attention's head mixing of the reference implementation.
    bool mix = true;
};

class InformerEmbedding;
class InformerEncoderLayer;
class InformerDistilLayer;
class InformerDecoderLayer;

/// Encoder over the input window; the decoder reads the last label_len input rows followed by
/// pred_len zeros (with all their time features), attends to the encoder and projects to the
/// output channels; the last pred_len steps are the forecast.
class Informer : public Model {
public:
    explicit Informer(const InformerOptions& options);
    torch::Tensor forward(const Batch& batch) override;

private:
    InformerOptions m_options;
    std::shared_ptr<InformerEmbedding> m_encoderEmbedding;
    std::shared_ptr<InformerEmbedding> m_decoderEmbedding;
    torch::nn::ModuleList m_encoderLayers;
    torch::nn::ModuleList m_distilLayers;
    torch::nn::LayerNorm m_encoderNorm{nullptr};
    torch::nn::ModuleList m_decoderLayers;
    torch::nn::LayerNorm m_decoderNorm{nullptr};
    Dense m_projection{nullptr};
};

} // namespace tb::engine
