// The threads of the BLAS library that LibTorch's CPU matrix products call.
#pragma once

namespace tb::engine {

/// Makes OpenBLAS run each call on the thread that makes it, where OpenBLAS keeps a thread pool
/// of its own (Debian's libopenblas0-pthread, which the installer pulls in). Between calls its
/// workers wait by spinning on sched_yield, beside LibTorch's OpenMP workers that spin too: with
/// as many threads as cores the spinning takes cores from the training thread. On two cores
/// PatchTST trained 1.2-1.9x faster and the MLP 2x faster with the calls kept on one thread;
/// convolutions and Dense's wide layers run on oneDNN and LibTorch's own threads either way.
/// OpenBLAS built for OpenMP shares LibTorch's workers and is left as it is; so is any other
/// BLAS, and a thread count set with OPENBLAS_NUM_THREADS. Call it before each run: safe from
/// any thread, any number of times.
void keepBlasOnCallingThread();

} // namespace tb::engine
