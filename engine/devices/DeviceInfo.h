// What the engine knows about one compute device.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tb::engine {

/// One device the engine can (or could, but cannot here) train on.
struct DeviceInfo {
    std::string id;      ///< `cpu`, `cuda:0`, `npu:1`: what `--device` and `device:` take
    std::string name;    ///< `AMD EPYC 7763 (2 threads)`, `NVIDIA H100 80GB HBM3`
    std::string backend; ///< `cpu`, `cuda`, `npu`
    bool available = false;
    std::string unavailableReason;      ///< why not, phrased for the user; empty when available
    std::int64_t memoryTotalBytes = -1; ///< -1 when unknown
    std::int64_t memoryFreeBytes = -1;
    double utilizationPct = -1.0;
    std::string driverVersion;
    std::string runtimeVersion;
};

/// Every device of every backend, available or not (never throws; a failing driver shows as
/// an unavailable entry with the reason). CPU is always first.
std::vector<DeviceInfo> listDevices();

/// The model of the available device `id` (`NVIDIA H100 80GB HBM3`, `AMD EPYC 7763 (2
/// threads)`), recorded with each run; empty when there is no such device.
std::string deviceModelName(const std::string& id);

/// Whether `id` names an available device; sets `reason` when not.
bool deviceUsable(const std::string& id, std::string& reason);

} // namespace tb::engine
