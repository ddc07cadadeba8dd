#include "plugins/cuda/CudaTelemetry.h"

#include "plugins/cuda/TorchCuda.h"

namespace tb::cuda {

CudaTelemetry::CudaTelemetry(int index, std::shared_ptr<const Nvml> nvml, nvmlDevice_t gpu)
    : m_index(index)
    , m_nvml(std::move(nvml))
    , m_gpu(gpu) {}

engine::DeviceSample CudaTelemetry::read() {
    engine::DeviceSample s;
    s.device = device();
    const NvmlReading r = m_nvml->read(m_gpu);
    s.utilizationPct = r.utilizationPct;
    s.memoryUsedBytes = r.memoryUsedBytes;
    s.memoryTotalBytes = r.memoryTotalBytes;
    s.powerW = r.powerW;
    s.temperatureC = r.temperatureC;
    s.clockMHz = r.smClockMHz;
    const AllocatorBytes bytes = cudaAllocatorBytes(m_index);
    s.allocatedBytes = bytes.allocated;
    s.reservedBytes = bytes.reserved;
    s.peakBytes = bytes.peak;
    return s;
}

} // namespace tb::cuda
