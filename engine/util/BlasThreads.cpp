#include "engine/util/BlasThreads.h"

#include <dlfcn.h>
#include <mutex>

namespace tb::engine {

namespace {

/// openblas_get_parallel()'s answer for a build with its own pthread pool.
constexpr int kOpenBlasPthreads = 1;

} // namespace

void keepBlasOnCallingThread() {
    static std::once_flag once;
    std::call_once(once, [] {
        // Looked up rather than linked: LibTorch reaches BLAS through libblas.so.3, which the
        // system's alternatives may point at OpenBLAS or at another library.
        using GetParallel = int (*)();
        using SetThreads = void (*)(int);
        const auto getParallel =
            reinterpret_cast<GetParallel>(dlsym(RTLD_DEFAULT, "openblas_get_parallel"));
        const auto setThreads =
            reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
        if (getParallel && setThreads && getParallel() == kOpenBlasPthreads)
            setThreads(1);
    });
}

} // namespace tb::engine
