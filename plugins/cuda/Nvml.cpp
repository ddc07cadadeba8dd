#include "plugins/cuda/Nvml.h"

#include "engine/plugins/DynamicLibrary.h"

#include <cstdlib>

namespace tb::cuda {
namespace {

constexpr const char* kDefaultLibrary = "libnvidia-ml.so.1";

} // namespace

std::shared_ptr<Nvml> Nvml::open() {
    std::shared_ptr<Nvml> nvml(new Nvml);
    const char* overridePath = std::getenv("TB_NVML_LIBRARY");
    const std::string path = overridePath && *overridePath ? overridePath : kDefaultLibrary;
    const auto library = engine::DynamicLibrary::open(path);
    if (!library.ok()) {
        nvml->m_error = "NVML could not be loaded (" + library.error() +
                        "): install the NVIDIA driver, or set TB_NVML_LIBRARY to its "
                        "libnvidia-ml.so.1";
        return nvml;
    }
    NvmlApi& api = nvml->m_api;
    std::string missing;
    library.resolve("nvmlInit_v2", api.init, missing);
    library.resolve("nvmlShutdown", api.shutdown, missing);
    library.resolve("nvmlErrorString", api.errorString, missing);
    library.resolve("nvmlDeviceGetCount_v2", api.deviceGetCount, missing);
    library.resolve("nvmlDeviceGetHandleByIndex_v2", api.deviceGetHandleByIndex, missing);
    library.resolve("nvmlDeviceGetName", api.deviceGetName, missing);
    library.resolve("nvmlDeviceGetMemoryInfo", api.deviceGetMemoryInfo, missing);
    library.resolve("nvmlDeviceGetUtilizationRates", api.deviceGetUtilizationRates, missing);
    library.resolve("nvmlDeviceGetPowerUsage", api.deviceGetPowerUsage, missing);
    library.resolve("nvmlDeviceGetTemperature", api.deviceGetTemperature, missing);
    library.resolve("nvmlDeviceGetClockInfo", api.deviceGetClockInfo, missing);
    library.resolve("nvmlSystemGetDriverVersion", api.systemGetDriverVersion, missing);
    library.resolve("nvmlSystemGetCudaDriverVersion_v2", api.systemGetCudaDriverVersion, missing);
    if (!missing.empty()) {
        nvml->m_error = path + " has no " + missing +
                        ": the NVIDIA driver is too old for NVML's "
                        "v2 calls; update it";
        return nvml;
    }
    api.deviceGetHandleByPciBusId =
        library.symbol<decltype(api.deviceGetHandleByPciBusId)>("nvmlDeviceGetHandleByPciBusId_v2");
    const nvmlReturn_t rc = api.init();
    if (rc != NVML_SUCCESS) {
        nvml->m_error = "NVML did not start: " + nvml->describe("nvmlInit_v2", rc);
        return nvml;
    }
    nvml->m_initialised = true;
    return nvml;
}

Nvml::~Nvml() {
    if (m_initialised)
        m_api.shutdown();
}

std::string Nvml::describe(const char* call, nvmlReturn_t rc) const {
    const char* text = m_api.errorString ? m_api.errorString(rc) : nullptr;
    return std::string(call) + " returned " + std::to_string(rc) + (text ? " (" : "") +
           (text ? text : "") + (text ? ")" : "");
}

int Nvml::deviceCount() const {
    unsigned int count = 0;
    if (!ok() || m_api.deviceGetCount(&count) != NVML_SUCCESS)
        return 0;
    return static_cast<int>(count);
}

nvmlDevice_t Nvml::deviceByIndex(int index) const {
    nvmlDevice_t device = nullptr;
    if (!ok() || index < 0 ||
        m_api.deviceGetHandleByIndex(static_cast<unsigned int>(index), &device) != NVML_SUCCESS)
        return nullptr;
    return device;
}

nvmlDevice_t Nvml::deviceByPciBusId(const std::string& busId) const {
    nvmlDevice_t device = nullptr;
    if (!ok() || !m_api.deviceGetHandleByPciBusId ||
        m_api.deviceGetHandleByPciBusId(busId.c_str(), &device) != NVML_SUCCESS)
        return nullptr;
    return device;
}

std::string Nvml::name(nvmlDevice_t device) const {
    char text[NVML_DEVICE_NAME_V2_BUFFER_SIZE] = {};
    if (!ok() || !device || m_api.deviceGetName(device, text, sizeof(text) - 1) != NVML_SUCCESS)
        return {};
    return text;
}

NvmlReading Nvml::read(nvmlDevice_t device) const {
    NvmlReading r;
    if (!ok() || !device)
        return r;
    nvmlUtilization_t utilization{};
    if (m_api.deviceGetUtilizationRates(device, &utilization) == NVML_SUCCESS)
        r.utilizationPct = utilization.gpu;
    nvmlMemory_t memory{};
    if (m_api.deviceGetMemoryInfo(device, &memory) == NVML_SUCCESS) {
        r.memoryUsedBytes = static_cast<std::int64_t>(memory.used);
        r.memoryFreeBytes = static_cast<std::int64_t>(memory.free);
        r.memoryTotalBytes = static_cast<std::int64_t>(memory.total);
    }
    unsigned int value = 0;
    if (m_api.deviceGetPowerUsage(device, &value) == NVML_SUCCESS)
        r.powerW = value / 1000.0;
    if (m_api.deviceGetTemperature(device, NVML_TEMPERATURE_GPU, &value) == NVML_SUCCESS)
        r.temperatureC = value;
    if (m_api.deviceGetClockInfo(device, NVML_CLOCK_SM, &value) == NVML_SUCCESS)
        r.smClockMHz = value;
    return r;
}

std::string Nvml::driverVersion() const {
    char text[NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE] = {};
    if (!ok() || m_api.systemGetDriverVersion(text, sizeof(text) - 1) != NVML_SUCCESS)
        return {};
    return text;
}

int Nvml::cudaDriverVersion() const {
    int version = 0;
    if (!ok() || m_api.systemGetCudaDriverVersion(&version) != NVML_SUCCESS)
        return 0;
    return version;
}

} // namespace tb::cuda
