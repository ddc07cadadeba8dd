// NumPy .npy files of float32 arrays: the forecasts a run leaves, read by the UI and numpy.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tb::engine {

/// A C-ordered float32 array: `values` holds the product of `shape` elements.
struct NpyArray {
    std::vector<std::int64_t> shape;
    std::vector<float> values;

    /// The number of elements `shape` describes.
    std::int64_t elementCount() const;
};

/// Writes `count` floats from `values` with `shape` as a version 1.0 little-endian .npy file,
/// its data 64-byte aligned. Throws std::runtime_error naming the file when it cannot be
/// written.
void writeNpyFile(const std::string& path, const std::vector<std::int64_t>& shape,
                  const float* values);

/// Reads a version 1.x, 2.x or 3.x .npy file of little-endian float32 values in C order.
/// Throws std::runtime_error naming the file and what is wrong with it: missing, not a .npy
/// file, another element type or Fortran order, or fewer bytes than its shape needs.
NpyArray readNpyFile(const std::string& path);

} // namespace tb::engine
