// PatchTST (Nie et al., ICLR 2023): channel-independent Transformer over patches of a series.
#pragma once

#include "engine/models/Model.h"
#include "engine/models/forecasting/ForecastShape.h"
#include "engine/models/forecasting/RevIN.h"
#include "engine/models/layers/Dense.h"
#include "engine/models/layers/Dropout.h"

#include <torch/nn/modules/container/modulelist.h>

namespace tb::engine {

/// Options of PatchTST, defaulting to the paper's supervised PatchTST/42 (the ETTh presets
/// shrink the model to d_model 16, 4 heads, d_ff 128 and dropout 0.3, as its scripts do).
struct PatchTstOptions {
    ForecastShape shape;
    std::int64_t patchLen = 16;
    std::int64_t stride = 8;
    /// Repeat the last value `stride` times before patching (one more patch: 42 at seq 336).
    bool padEnd = true;
    std::int64_t layers = 3;
    std::int64_t heads = 16;
    std::int64_t dModel = 128;
    std::int64_t dFf = 256;
    double dropout = 0.2;
    double headDropout = 0.0;
    bool revin = true;
    bool affine = true;
    bool subtractLast = false;
};

/// RevIN -> patches of each channel -> linear patch embedding + learned positions ->
/// Transformer encoder (BatchNorm, GELU, attention scores carried residually from layer to
/// layer) -> flatten -> linear head to pred_len -> RevIN undone. Channels share every weight.
class PatchTST : public Model {
public:
    /// Throws std::invalid_argument when d_model is not a multiple of the heads or the
    /// patches do not fit the input window.
    explicit PatchTST(const PatchTstOptions& options);
    torch::Tensor forward(const Batch& batch) override;

    /// Patches per channel: (seq_len - patch_len) / stride + 1, plus 1 with padEnd.
    std::int64_t patchCount() const { return m_patches; }

private:
    PatchTstOptions m_options;
    std::int64_t m_patches;
    std::shared_ptr<RevIN> m_revin;
    Dense m_embed{nullptr};
    torch::Tensor m_position; // [patches, d_model]
    Dropout m_dropout{nullptr};
    torch::nn::ModuleList m_layers;
    Dense m_head{nullptr};
    Dropout m_headDropout{nullptr};
};

} // namespace tb::engine
