#include "engine/devices/CpuBackend.h"

#include "engine/devices/CpuInfo.h"
#include "engine/telemetry/CpuTelemetry.h"
#include "engine/util/Environment.h"
#include "engine/util/HostMemory.h"

#include <algorithm>
#include <fstream>
#include <torch/version.h>

namespace tb::engine {
namespace {

/// The one-minute load average as a share of the hardware threads: a reading of /proc/stat
/// needs two samples some time apart, and the picker asks now.
double loadPercent() {
    std::ifstream in("/proc/loadavg");
    double load = -1.0;
    if (!(in >> load))
        return -1.0;
    return std::min(100.0, 100.0 * load / hardwareThreads());
}

} // namespace

std::vector<DeviceInfo> CpuBackend::devices() {
    DeviceInfo d;
    d.id = "cpu";
    d.backend = "cpu";
    d.name = cpuModelName() + " (" + std::to_string(hardwareThreads()) + " threads)";
    d.available = true;
    const HostMemory memory = hostMemory();
    d.memoryTotalBytes = memory.totalBytes;
    d.memoryFreeBytes = memory.availableBytes;
    d.runtimeVersion = "LibTorch " TORCH_VERSION;
    d.utilizationPct = loadPercent();
    return {d};
}

std::string CpuBackend::prepareTraining(int /*index*/) {
    return {};
}

std::unique_ptr<TelemetrySource> CpuBackend::telemetry(int /*index*/) {
    return std::make_unique<CpuTelemetry>();
}

} // namespace tb::engine
