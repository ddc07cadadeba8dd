// Copying a checkpoint's weights into a model that may differ from the one that saved it.
// Engine-internal: it exposes LibTorch.
#pragma once

#include <string>
#include <torch/nn/module.h>
#include <vector>

namespace tb::engine {

/// What a transfer found, by the weights' dotted names (`encoder.layers.0.attention.query.weight`).
struct WeightTransfer {
    std::vector<std::string> taken;      ///< copied from the file
    std::vector<std::string> absent;     ///< the model's, not in the file
    std::vector<std::string> mismatched; ///< "head.weight: [10, 64] there, [7, 64] here"

    bool complete() const { return absent.empty() && mismatched.empty(); }
    /// The weights that did not come over, the differing shapes first.
    std::vector<std::string> leftOut() const;
    /// A few of them, for a message: "head.weight: [10, 64] there, [7, 64] here; head.bias
    /// (not there) and 4 more".
    std::string someLeftOut() const;
};

/// Copies into `module` every parameter and buffer that the checkpoint at `path` (written by
/// saveCheckpoint or saveTrainingState) holds under the same name with the same shape, and
/// leaves the others as they are. Throws c10::Error when the file cannot be read.
WeightTransfer transferWeights(torch::nn::Module& module, const std::string& path);

} // namespace tb::engine
