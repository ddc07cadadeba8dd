#include "engine/util/BlasThreads.h"

#include <cstdlib>
#include <dlfcn.h>

namespace tb::engine {

namespace {

/// openblas_get_parallel()'s answer for a build with its own pthread pool.
constexpr int kOpenBlasPthreads = 1;

using GetParallel = int (*)();
using SetThreads = void (*)(int);

/// Looked up rather than linked: LibTorch reaches BLAS through libblas.so.3, which the
/// system's alternatives may point at OpenBLAS or at another library.
template <typename Function> Function openBlasFunction(const char* name) {
    return reinterpret_cast<Function>(dlsym(RTLD_DEFAULT, name));
}

} // namespace

void keepBlasOnCallingThread() {
    // Whoever sets OpenBLAS's thread count has measured their own machine.
    if (std::getenv("OPENBLAS_NUM_THREADS") != nullptr)
        return;
    static const auto getParallel = openBlasFunction<GetParallel>("openblas_get_parallel");
    static const auto setThreads = openBlasFunction<SetThreads>("openblas_set_num_threads");
    if (getParallel && setThreads && getParallel() == kOpenBlasPthreads)
        setThreads(1);
}

} // namespace tb::engine
