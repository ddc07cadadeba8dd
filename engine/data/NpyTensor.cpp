#include "engine/data/NpyTensor.h"

#include "engine/util/NpyFile.h"

namespace tb::engine {

void writeNpyTensor(const std::string& path, const torch::Tensor& array) {
    const auto values = array.to(torch::kCPU, torch::kFloat32).contiguous();
    writeNpyFile(path, values.sizes().vec(), values.data_ptr<float>());
}

} // namespace tb::engine
