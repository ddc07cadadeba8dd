// NumPy .npy files: the forecast arrays the UI reads without LibTorch.
#pragma once

#include <string>
#include <torch/types.h>

namespace tb::engine {

/// Writes `array` (float32, any shape, made contiguous) as a version 1.0 little-endian .npy
/// file, which numpy.load and a few lines of C++ read back. Throws std::runtime_error naming
/// the file when it cannot be written.
void writeNpyFile(const std::string& path, const torch::Tensor& array);

} // namespace tb::engine
