// Decoding many image files at once into one tensor of bytes, on several threads.
#pragma once

#include <cstddef>
#include <string>
#include <torch/types.h>
#include <vector>

namespace tb::engine {

/// A file that could not be used, and why (DataError's message, naming the file).
struct ImageFailure {
    std::size_t index = 0; ///< into the files given
    std::string message;
};

/// Decoded files: uint8 [N,channels,side,side]; a failed file's sample is left as it was
/// allocated (undefined bytes).
struct DecodedImages {
    torch::Tensor pixels;
    std::vector<ImageFailure> failures; ///< in the files' order
};

/// Reads `files` into `channels` x `side` x `side` bytes each, on `threads` threads. With
/// `fit` each image is scaled (shorter side) and centre-cropped to the square (fitToSquare);
/// without it an image of another size fails. Unreadable files fail; none throws.
DecodedImages decodeImageFiles(const std::vector<std::string>& files, int channels, int side,
                               bool fit, int threads);

/// `configured` threads (at most one per core), or one per core for 0.
int imageDecodingThreads(int configured);

} // namespace tb::engine
