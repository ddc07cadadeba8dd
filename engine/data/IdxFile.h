// Reading IDX files (MNIST, Fashion-MNIST), plain or gzip-compressed.
#pragma once

#include <string>
#include <torch/types.h>

namespace tb::engine {

/// Reads an IDX file (`.gz` or plain, detected by content) into a tensor of its element type
/// and dimensions (uint8 [60000,28,28] for images, [60000] for labels). Throws DataError for a
/// missing, truncated, corrupt or unsupported file, naming the file and the fix.
torch::Tensor readIdxFile(const std::string& path);

} // namespace tb::engine
