#include "engine/training/Checkpoint.h"

#include "engine/util/AtomicFile.h"

#include <sstream>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

namespace tb::engine {
namespace {

std::vector<torch::Tensor> weightsOf(const torch::nn::Module& module) {
    std::vector<torch::Tensor> out = module.parameters();
    for (const auto& buffer : module.buffers())
        out.push_back(buffer);
    return out;
}

} // namespace

void saveCheckpoint(const torch::nn::Module& module, const std::string& path) {
    torch::serialize::OutputArchive archive;
    module.save(archive);
    writeArchive(archive, path);
}

void writeArchive(torch::serialize::OutputArchive& archive, const std::string& path) {
    // Serialised in memory first: LibTorch's file writer finishes the archive in its destructor
    // and throws there when the disk is full, which ends the process.
    std::ostringstream bytes;
    archive.save_to(bytes);
    writeFileAtomically(path, bytes.str());
}

std::string missingCheckpointText(const std::string& path) {
    return path + " is missing (deleted, or the workspace's .artifacts folder was not copied with "
                  "it)";
}

void loadCheckpoint(torch::nn::Module& module, const std::string& path) {
    torch::serialize::InputArchive archive;
    // Onto the module's device: loading replaces its tensors with the file's.
    const std::vector<torch::Tensor> parameters = module.parameters();
    archive.load_from(path, parameters.empty() ? torch::Device(torch::kCPU)
                                               : parameters.front().device());
    module.load(archive);
}

void WeightSnapshot::capture(const torch::nn::Module& module) {
    torch::NoGradGuard noGrad;
    m_tensors.clear();
    for (const auto& t : weightsOf(module))
        m_tensors.push_back(t.detach().to(torch::kCPU, /*non_blocking=*/false, /*copy=*/true));
}

void WeightSnapshot::restore(torch::nn::Module& module) const {
    torch::NoGradGuard noGrad;
    auto targets = weightsOf(module);
    for (std::size_t i = 0; i < targets.size() && i < m_tensors.size(); ++i)
        targets[i].copy_(m_tensors[i]);
}

} // namespace tb::engine
