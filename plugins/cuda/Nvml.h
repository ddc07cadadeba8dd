// NVIDIA's management library (NVML), loaded with dlopen: GPU names, memory, counters.
#pragma once

#include "plugins/cuda/NvmlApi.h"

#include <cstdint>
#include <memory>
#include <string>

namespace tb::cuda {

/// One GPU's counters; -1 where a call failed or the GPU does not report it.
struct NvmlReading {
    double utilizationPct = -1.0;
    std::int64_t memoryUsedBytes = -1;
    std::int64_t memoryFreeBytes = -1;
    std::int64_t memoryTotalBytes = -1;
    double powerW = -1.0;
    double temperatureC = -1.0;
    double smClockMHz = -1.0;
};

/// NVML, opened and initialised once (nvmlInit_v2) and shut down with the last reference.
/// Thread-safe: NVML is, and this class holds no mutable state.
class Nvml {
public:
    /// Loads `TB_NVML_LIBRARY` if set, else `libnvidia-ml.so.1`. Never null and never throws:
    /// when NVML cannot be used, ok() is false and error() says why and what to do.
    static std::shared_ptr<Nvml> open();
    ~Nvml();

    Nvml(const Nvml&) = delete;
    Nvml& operator=(const Nvml&) = delete;

    bool ok() const { return m_error.empty(); }
    const std::string& error() const { return m_error; }

    /// GPUs NVML sees, in its (PCI) order; 0 when it cannot say.
    int deviceCount() const;
    /// GPU `index` of NVML's order, or nullptr.
    nvmlDevice_t deviceByIndex(int index) const;
    /// The GPU at PCI bus id `0000:01:00.0`, or nullptr (also when this NVML cannot look up).
    nvmlDevice_t deviceByPciBusId(const std::string& busId) const;

    /// `NVIDIA H100 80GB HBM3`, or empty.
    std::string name(nvmlDevice_t device) const;
    /// Every counter of NvmlReading, each read on its own so one failure spares the others.
    NvmlReading read(nvmlDevice_t device) const;

    /// `535.104.05`, or empty.
    std::string driverVersion() const;
    /// The newest CUDA the driver supports, as 12020 for 12.2; 0 when unknown.
    int cudaDriverVersion() const;

private:
    Nvml() = default;
    std::string describe(const char* call, nvmlReturn_t rc) const;

    NvmlApi m_api{};
    std::string m_error;
    bool m_initialised = false;
};

} // namespace tb::cuda
