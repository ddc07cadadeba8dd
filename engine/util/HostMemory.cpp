#include "engine/util/HostMemory.h"

#include <climits>
#include <mutex>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace tb::engine {

void keepFreedHostMemory() {
#ifdef __GLIBC__
    static std::once_flag once;
    std::call_once(once, [] {
        // One arena: per-thread arenas live in 64 MB heaps that glibc trims on every free.
        mallopt(M_ARENA_MAX, 1);
        // Blocks up to 32 MB (glibc's ceiling) come from the heap, not from fresh mappings...
        mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
        // ...and the heap is not trimmed back while a run needs the same memory again.
        mallopt(M_TRIM_THRESHOLD, INT_MAX);
    });
#endif
}

HeapBytes heapBytes() {
    HeapBytes bytes;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
    const struct mallinfo2 info = mallinfo2();
    // hblkhd: blocks above the mmap threshold, mapped one by one, in use until freed.
    bytes.inUseBytes = static_cast<std::int64_t>(info.uordblks + info.hblkhd);
    bytes.reservedBytes = static_cast<std::int64_t>(info.arena + info.hblkhd);
#endif
    return bytes;
}

} // namespace tb::engine
