#include "engine/util/HostMemory.h"

#include <fstream>
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
        // Every block comes from the heap, not from a fresh mapping: glibc maps blocks above
        // its threshold (32 MB at most) one by one and the kernel zeroes them at every step.
        // Informer at horizon 168 allocates 115 MB attention scores a layer: mapped, it trained
        // 2.2x slower, a quarter of its time in the kernel.
        mallopt(M_MMAP_MAX, 0);
        // The heap is never trimmed while a run needs the same memory again (-1: not at
        // all; INT_MAX still gave back 2 GB tops that Informer at horizon 336 faulted in again
        // at every step). releaseFreedHostMemory trims once a run has ended.
        mallopt(M_TRIM_THRESHOLD, -1);
    });
#endif
}

void releaseFreedHostMemory() {
#ifdef __GLIBC__
    malloc_trim(0);
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

HostMemory hostMemory() {
    HostMemory memory;
    std::ifstream in("/proc/meminfo");
    std::string key;
    std::int64_t kib = 0;
    std::string unit;
    while (in >> key >> kib >> unit) {
        if (key == "MemTotal:")
            memory.totalBytes = kib * 1024;
        else if (key == "MemAvailable:")
            memory.availableBytes = kib * 1024;
    }
    return memory;
}

} // namespace tb::engine
