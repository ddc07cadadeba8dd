// Saving, loading and holding model weights.
#pragma once

#include <string>
#include <torch/nn/module.h>
#include <torch/serialize/output-archive.h>
#include <vector>

namespace tb::engine {

/// Writes the module's parameters and buffers to `path` (writeFileAtomically: a crash or a
/// full disk never leaves half a checkpoint). Throws std::system_error / c10::Error.
void saveCheckpoint(const torch::nn::Module& module, const std::string& path);

/// Writes an archive to `path` as saveCheckpoint does: whole or not at all.
void writeArchive(torch::serialize::OutputArchive& archive, const std::string& path);

/// `<path> is missing (deleted, or ...)`: why a checkpoint a workspace lists may be gone.
std::string missingCheckpointText(const std::string& path);

/// Loads weights saved by saveCheckpoint into a module of the same architecture.
void loadCheckpoint(torch::nn::Module& module, const std::string& path);

/// A host copy of a module's weights (the best epoch's), restored before testing.
class WeightSnapshot {
public:
    void capture(const torch::nn::Module& module);
    void restore(torch::nn::Module& module) const;
    bool empty() const { return m_tensors.empty(); }

private:
    std::vector<torch::Tensor> m_tensors; // parameters then buffers, in module order
};

} // namespace tb::engine
