// Tensors written as NumPy .npy files, for the UI and for analysis in Python.
#pragma once

#include <string>
#include <torch/types.h>

namespace tb::engine {

/// Writes `array` (any device, any floating or integer type) as a float32 .npy file of its
/// shape. Throws std::runtime_error naming the file when it cannot be written.
void writeNpyTensor(const std::string& path, const torch::Tensor& array);

} // namespace tb::engine
