#include "engine/data/Batch.h"

namespace tb::engine {
namespace {

torch::Tensor moved(const torch::Tensor& tensor, const torch::Device& device, bool nonBlocking) {
    return tensor.defined() ? tensor.to(device, nonBlocking) : tensor;
}

} // namespace

Batch Batch::to(const torch::Device& device, bool nonBlocking) const {
    return Batch{moved(input, device, nonBlocking), moved(target, device, nonBlocking),
                 moved(inputMark, device, nonBlocking), moved(targetMark, device, nonBlocking)};
}

} // namespace tb::engine
