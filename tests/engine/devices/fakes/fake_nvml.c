/* A stand-in for libnvidia-ml.so.1 exporting the NVML functions Trainbench calls, with values
 * from the script named by FAKE_NVML_SCRIPT (fake_script.h). Its types are declared here from
 * NVML's documentation, independently of plugins/cuda/NvmlApi.h, so that a mistake there shows.
 *
 * Keys: count, name, memory.total / memory.used (bytes), utilization.gpu / utilization.memory
 * (%), power (mW), temperature (C), clock.sm (MHz), pci (bus id), driver, cuda_driver
 * (12020 = 12.2); per GPU with a `.N` suffix. A missing device value answers Not Supported. */
#include "fake_script.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FAKE_EXPORT __attribute__((visibility("default")))
#define SCRIPT "FAKE_NVML_SCRIPT"

typedef int nvmlReturn_t;
typedef struct nvmlDevice_st* nvmlDevice_t;
typedef struct {
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
} nvmlMemory_t;
typedef struct {
    unsigned int gpu;
    unsigned int memory;
} nvmlUtilization_t;

enum {
    NVML_SUCCESS = 0,
    NVML_ERROR_INVALID_ARGUMENT = 2,
    NVML_ERROR_NOT_SUPPORTED = 3,
    NVML_ERROR_INSUFFICIENT_SIZE = 7,
    NVML_ERROR_DRIVER_NOT_LOADED = 9,
    NVML_ERROR_UNKNOWN = 999
};
enum { NVML_TEMPERATURE_GPU = 0 };
enum { NVML_CLOCK_SM = 1 };

static int device_count(void) {
    long long count = 0;
    return fake_script_int(SCRIPT, "count", NULL, &count) ? (int)count : 0;
}

/* Handles are 1-based indices so that a null handle stays invalid. */
static int index_of(nvmlDevice_t device, char* suffix, size_t size) {
    int index = (int)((uintptr_t)device) - 1;
    snprintf(suffix, size, "%d", index);
    return index >= 0 && index < device_count() ? index : -1;
}

/* The scripted unsigned value `key` of `device`, or the error the call returns. */
static nvmlReturn_t device_value(const char* function, nvmlDevice_t device, const char* key,
                                 unsigned long long* value) {
    char suffix[16];
    long long scripted = 0;
    int failure;
    if (index_of(device, suffix, sizeof suffix) < 0)
        return NVML_ERROR_INVALID_ARGUMENT;
    if ((failure = fake_script_failure(SCRIPT, function, suffix)) != 0)
        return failure;
    if (!fake_script_int(SCRIPT, key, suffix, &scripted))
        return NVML_ERROR_NOT_SUPPORTED;
    *value = (unsigned long long)scripted;
    return NVML_SUCCESS;
}

static nvmlReturn_t copy_text(const char* text, char* out, unsigned int length) {
    if (strlen(text) >= length)
        return NVML_ERROR_INSUFFICIENT_SIZE;
    strcpy(out, text);
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlInit_v2(void) {
    return fake_script_failure(SCRIPT, "nvmlInit_v2", NULL);
}

FAKE_EXPORT nvmlReturn_t nvmlShutdown(void) {
    return NVML_SUCCESS;
}

FAKE_EXPORT const char* nvmlErrorString(nvmlReturn_t result) {
    switch (result) {
    case NVML_SUCCESS:
        return "Success";
    case NVML_ERROR_NOT_SUPPORTED:
        return "Not Supported";
    case NVML_ERROR_DRIVER_NOT_LOADED:
        return "Driver Not Loaded";
    default:
        return "Unknown Error";
    }
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int* count) {
    int failure = fake_script_failure(SCRIPT, "nvmlDeviceGetCount_v2", NULL);
    if (failure)
        return failure;
    *count = (unsigned int)device_count();
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t* device) {
    if ((int)index >= device_count())
        return NVML_ERROR_INVALID_ARGUMENT;
    *device = (nvmlDevice_t)(uintptr_t)(index + 1);
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetHandleByPciBusId_v2(const char* bus_id,
                                                          nvmlDevice_t* device) {
    char suffix[16];
    char scripted[64];
    int i;
    for (i = 0; i < device_count(); ++i) {
        snprintf(suffix, sizeof suffix, "%d", i);
        if (fake_script_string(SCRIPT, "pci", suffix, scripted, sizeof scripted) &&
            strcmp(scripted, bus_id) == 0)
            return nvmlDeviceGetHandleByIndex_v2((unsigned int)i, device);
    }
    return NVML_ERROR_INVALID_ARGUMENT;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char* name, unsigned int length) {
    char suffix[16];
    char scripted[128];
    int failure;
    if (index_of(device, suffix, sizeof suffix) < 0)
        return NVML_ERROR_INVALID_ARGUMENT;
    if ((failure = fake_script_failure(SCRIPT, "nvmlDeviceGetName", suffix)) != 0)
        return failure;
    if (!fake_script_string(SCRIPT, "name", suffix, scripted, sizeof scripted))
        return NVML_ERROR_NOT_SUPPORTED;
    return copy_text(scripted, name, length);
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t* memory) {
    unsigned long long total = 0;
    unsigned long long used = 0;
    nvmlReturn_t result = device_value("nvmlDeviceGetMemoryInfo", device, "memory.total", &total);
    if (result == NVML_SUCCESS)
        result = device_value("nvmlDeviceGetMemoryInfo", device, "memory.used", &used);
    if (result != NVML_SUCCESS)
        return result;
    memory->total = total;
    memory->used = used;
    memory->free = total - used;
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device,
                                                       nvmlUtilization_t* utilization) {
    unsigned long long gpu = 0;
    unsigned long long memory = 0;
    nvmlReturn_t result =
        device_value("nvmlDeviceGetUtilizationRates", device, "utilization.gpu", &gpu);
    if (result == NVML_SUCCESS)
        result =
            device_value("nvmlDeviceGetUtilizationRates", device, "utilization.memory", &memory);
    if (result != NVML_SUCCESS)
        return result;
    utilization->gpu = (unsigned int)gpu;
    utilization->memory = (unsigned int)memory;
    return NVML_SUCCESS;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int* milliwatts) {
    unsigned long long value = 0;
    nvmlReturn_t result = device_value("nvmlDeviceGetPowerUsage", device, "power", &value);
    if (result == NVML_SUCCESS)
        *milliwatts = (unsigned int)value;
    return result;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t device, int sensor,
                                                  unsigned int* celsius) {
    unsigned long long value = 0;
    nvmlReturn_t result;
    if (sensor != NVML_TEMPERATURE_GPU)
        return NVML_ERROR_INVALID_ARGUMENT;
    result = device_value("nvmlDeviceGetTemperature", device, "temperature", &value);
    if (result == NVML_SUCCESS)
        *celsius = (unsigned int)value;
    return result;
}

FAKE_EXPORT nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t device, int type,
                                                unsigned int* megahertz) {
    unsigned long long value = 0;
    nvmlReturn_t result;
    if (type != NVML_CLOCK_SM)
        return NVML_ERROR_NOT_SUPPORTED; /* only the SM clock is scripted */
    result = device_value("nvmlDeviceGetClockInfo", device, "clock.sm", &value);
    if (result == NVML_SUCCESS)
        *megahertz = (unsigned int)value;
    return result;
}

FAKE_EXPORT nvmlReturn_t nvmlSystemGetDriverVersion(char* version, unsigned int length) {
    char scripted[128];
    int failure = fake_script_failure(SCRIPT, "nvmlSystemGetDriverVersion", NULL);
    if (failure)
        return failure;
    if (!fake_script_string(SCRIPT, "driver", NULL, scripted, sizeof scripted))
        return NVML_ERROR_NOT_SUPPORTED;
    return copy_text(scripted, version, length);
}

FAKE_EXPORT nvmlReturn_t nvmlSystemGetCudaDriverVersion_v2(int* version) {
    long long scripted = 0;
    int failure = fake_script_failure(SCRIPT, "nvmlSystemGetCudaDriverVersion_v2", NULL);
    if (failure)
        return failure;
    if (!fake_script_int(SCRIPT, "cuda_driver", NULL, &scripted))
        return NVML_ERROR_NOT_SUPPORTED;
    *version = (int)scripted;
    return NVML_SUCCESS;
}
