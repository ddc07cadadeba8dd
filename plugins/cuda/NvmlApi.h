// The few NVML types and functions we call, declared after NVML's documented C ABI
// (nvml.h of the NVIDIA driver): no vendor header is needed to build.
#pragma once

namespace tb::cuda {

using nvmlReturn_t = int; ///< an enum in nvml.h: int-sized, 0 is success
constexpr nvmlReturn_t NVML_SUCCESS = 0;

struct nvmlDevice_st;
using nvmlDevice_t = nvmlDevice_st*;

/// nvmlMemory_t: bytes.
struct nvmlMemory_t {
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
};

/// nvmlUtilization_t: percent of the last sample period.
struct nvmlUtilization_t {
    unsigned int gpu;
    unsigned int memory;
};

constexpr int NVML_TEMPERATURE_GPU = 0; ///< nvmlTemperatureSensors_t
constexpr int NVML_CLOCK_SM = 1;        ///< nvmlClockType_t
constexpr unsigned int NVML_DEVICE_NAME_V2_BUFFER_SIZE = 96;
constexpr unsigned int NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE = 80;
constexpr unsigned int NVML_DEVICE_PCI_BUS_ID_BUFFER_SIZE = 32;

/// Function pointers into libnvidia-ml.so.1, resolved by Nvml::open(); the optional ones may
/// be nullptr.
struct NvmlApi {
    nvmlReturn_t (*init)();     ///< nvmlInit_v2
    nvmlReturn_t (*shutdown)(); ///< nvmlShutdown
    const char* (*errorString)(nvmlReturn_t);
    nvmlReturn_t (*deviceGetCount)(unsigned int*);                       ///< _v2
    nvmlReturn_t (*deviceGetHandleByIndex)(unsigned int, nvmlDevice_t*); ///< _v2
    nvmlReturn_t (*deviceGetName)(nvmlDevice_t, char*, unsigned int);
    nvmlReturn_t (*deviceGetMemoryInfo)(nvmlDevice_t, nvmlMemory_t*);
    nvmlReturn_t (*deviceGetUtilizationRates)(nvmlDevice_t, nvmlUtilization_t*);
    nvmlReturn_t (*deviceGetPowerUsage)(nvmlDevice_t, unsigned int*);       ///< milliwatts
    nvmlReturn_t (*deviceGetTemperature)(nvmlDevice_t, int, unsigned int*); ///< degrees C
    nvmlReturn_t (*deviceGetClockInfo)(nvmlDevice_t, int, unsigned int*);   ///< MHz
    nvmlReturn_t (*systemGetDriverVersion)(char*, unsigned int);
    nvmlReturn_t (*systemGetCudaDriverVersion)(int*); ///< _v2: 12020 for CUDA 12.2
    /// nvmlDeviceGetHandleByPciBusId_v2, optional: matches a CUDA device to its NVML device.
    nvmlReturn_t (*deviceGetHandleByPciBusId)(const char*, nvmlDevice_t*);
};

} // namespace tb::cuda
