#include "engine/training/WeightTransfer.h"

#include <sstream>
#include <torch/serialize/input-archive.h>

namespace tb::engine {
namespace {

std::string shapeText(const torch::Tensor& t) {
    std::ostringstream text;
    text << t.sizes();
    return text.str();
}

/// Reads into a fresh tensor and copies only on a shape match: InputArchive::read would
/// resize the model's tensor to the file's.
void transferTensor(torch::serialize::InputArchive& archive, const std::string& key,
                    const std::string& name, torch::Tensor& target, bool isBuffer,
                    WeightTransfer& out) {
    torch::Tensor stored;
    if (!archive.try_read(key, stored, isBuffer)) {
        out.absent.push_back(name);
        return;
    }
    if (stored.sizes() != target.sizes()) {
        out.mismatched.push_back(name + ": " + shapeText(stored) + " there, " + shapeText(target) +
                                 " here");
        return;
    }
    target.copy_(stored);
    out.taken.push_back(name);
}

void markAbsent(const torch::nn::Module& module, const std::string& prefix, WeightTransfer& out) {
    for (const auto& p : module.named_parameters(/*recurse=*/true))
        out.absent.push_back(prefix + p.key());
    for (const auto& b : module.named_buffers(/*recurse=*/true))
        out.absent.push_back(prefix + b.key());
}

/// Walks the module tree the way Module::save wrote it: a module's own tensors, then one
/// nested archive per child.
void transferModule(torch::nn::Module& module, torch::serialize::InputArchive& archive,
                    const std::string& prefix, WeightTransfer& out) {
    for (auto& p : module.named_parameters(/*recurse=*/false))
        transferTensor(archive, p.key(), prefix + p.key(), p.value(), false, out);
    for (auto& b : module.named_buffers(/*recurse=*/false))
        transferTensor(archive, b.key(), prefix + b.key(), b.value(), true, out);
    for (const auto& child : module.named_children()) {
        const std::string childPrefix = prefix + child.key() + ".";
        torch::serialize::InputArchive childArchive;
        if (archive.try_read(child.key(), childArchive))
            transferModule(*child.value(), childArchive, childPrefix, out);
        else
            markAbsent(*child.value(), childPrefix, out);
    }
}

} // namespace

std::vector<std::string> WeightTransfer::leftOut() const {
    std::vector<std::string> names = mismatched;
    for (const std::string& name : absent)
        names.push_back(name + " (not there)");
    return names;
}

std::string WeightTransfer::someLeftOut() const {
    constexpr std::size_t kShown = 3;
    const std::vector<std::string> names = leftOut();
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < kShown; ++i)
        text += (i == 0 ? "" : "; ") + names[i];
    if (names.size() > kShown)
        text += " and " + std::to_string(names.size() - kShown) + " more";
    return text;
}

WeightTransfer transferWeights(torch::nn::Module& module, const std::string& path) {
    torch::NoGradGuard noGrad;
    const std::vector<torch::Tensor> parameters = module.parameters();
    torch::serialize::InputArchive archive;
    archive.load_from(path, parameters.empty() ? torch::Device(torch::kCPU)
                                               : parameters.front().device());
    WeightTransfer out;
    transferModule(module, archive, "", out);
    return out;
}

} // namespace tb::engine
