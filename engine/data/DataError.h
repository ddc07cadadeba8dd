// The error every dataset reader throws.
#pragma once

#include <stdexcept>

namespace tb::engine {

/// A dataset that cannot be used. `what()` names the file, the place (row, column, byte
/// offset) and what to do: "train-images-idx3-ubyte.gz is truncated: expected 47040016 bytes,
/// found 1024; download the file again".
class DataError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace tb::engine
