// readIdxFile on any bytes (plain or gzip): a DataError, or a tensor of what the header declares.
#include "FuzzInput.h"
#include "engine/data/DataError.h"
#include "engine/data/IdxFile.h"

#include <torch/types.h>

using namespace tb::engine;
using tb::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const tb::fuzz::FuzzFile file(data, size, ".idx");
    try {
        const torch::Tensor tensor = readIdxFile(file.path());
        require(tensor.defined() && tensor.dim() >= 1, "a tensor with the header's dimensions");
        require(tensor.is_contiguous(), "the tensor is contiguous");
    } catch (const DataError&) {
    }
    return 0;
}
