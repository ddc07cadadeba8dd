#include "engine/telemetry/CpuTelemetry.h"

#include "engine/devices/CpuInfo.h"
#include "engine/util/HostMemory.h"

#include <algorithm>

namespace tb::engine {

CpuTelemetry::CpuTelemetry()
    : m_lastTimes(readCpuTimes()) {}

DeviceSample CpuTelemetry::read() {
    DeviceSample sample;
    sample.device = device();
    const std::optional<CpuTimes> times = readCpuTimes();
    if (times && m_lastTimes)
        sample.utilizationPct = busyPercent(*m_lastTimes, *times);
    if (times)
        m_lastTimes = times;

    const HostMemory memory = hostMemory();
    if (memory.totalBytes >= 0 && memory.availableBytes >= 0) {
        sample.memoryUsedBytes = memory.totalBytes - memory.availableBytes;
        sample.memoryTotalBytes = memory.totalBytes;
    }
    const HeapBytes heap = heapBytes();
    sample.allocatedBytes = heap.inUseBytes;
    sample.reservedBytes = heap.reservedBytes;
    m_peakBytes = std::max(m_peakBytes, heap.inUseBytes);
    sample.peakBytes = m_peakBytes;
    return sample;
}

} // namespace tb::engine
