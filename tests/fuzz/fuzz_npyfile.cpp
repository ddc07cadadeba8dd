// readNpyFile (a forecasting run's predictions, read back by the forecast view) on any bytes:
// a std::runtime_error, or as many values as the shape says.
#include "FuzzInput.h"
#include "engine/util/NpyFile.h"

#include <stdexcept>

using namespace tb::engine;
using tb::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const tb::fuzz::FuzzFile file(data, size, ".npy");
    try {
        const NpyArray array = readNpyFile(file.path());
        require(static_cast<std::int64_t>(array.values.size()) == array.elementCount(),
                "an array holds as many values as its shape says");
    } catch (const std::runtime_error&) {
    }
    return 0;
}
