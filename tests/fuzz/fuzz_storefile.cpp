// A workspace file damaged in any way: a StoreError (which the app shows), never a crash or
// another exception.
#include "FuzzInput.h"
#include "WorkspaceReading.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const tb::fuzz::FuzzFile file(data, size, ".db");
    tb::fuzz::readWorkspaceAsTheAppDoes(file.path());
    return 0;
}
