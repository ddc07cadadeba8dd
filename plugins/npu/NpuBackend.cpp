#include "plugins/npu/NpuBackend.h"

#include "plugins/npu/NpuSmi.h"
#include "plugins/npu/NpuTelemetry.h"
#include "plugins/npu/TorchNpu.h"

namespace tb::npu {
namespace {

engine::DeviceInfo entry(int index, const NpuChip& chip, const std::string& driverVersion) {
    engine::DeviceInfo d;
    d.id = "npu:" + std::to_string(index);
    d.backend = "npu";
    d.name = chip.name;
    d.memoryTotalBytes = chip.reading.memoryTotalBytes;
    if (chip.reading.memoryTotalBytes >= 0 && chip.reading.memoryUsedBytes >= 0)
        d.memoryFreeBytes = chip.reading.memoryTotalBytes - chip.reading.memoryUsedBytes;
    d.utilizationPct = chip.reading.aiCoreUtilizationPct;
    d.driverVersion = driverVersion.empty() ? "" : "Ascend " + driverVersion;
    return d;
}

std::string joined(const std::string& a, const std::string& b) {
    return a.empty() ? b : b.empty() ? a : a + "; " + b;
}

} // namespace

NpuBackend::NpuBackend()
    : m_dcmi(Dcmi::open()) {}

NpuInventory NpuBackend::inventory() const {
    NpuInventory inventory;
    if (m_dcmi->ok()) {
        inventory.dcmiChips = m_dcmi->chips();
        for (const DcmiChip& chip : inventory.dcmiChips)
            inventory.chips.push_back({m_dcmi->name(chip), m_dcmi->read(chip)});
        inventory.driverVersion = m_dcmi->driverVersion();
        if (inventory.chips.empty())
            inventory.problem = "no Ascend NPU found (DCMI lists none)";
        return inventory;
    }
    std::string smiError;
    const auto output = runNpuSmiInfo(smiError);
    if (!output) {
        inventory.problem = joined(m_dcmi->error(), smiError);
        return inventory;
    }
    for (const NpuSmiChip& chip : parseNpuSmiInfo(*output))
        inventory.chips.push_back(chip.chip);
    if (inventory.chips.empty())
        inventory.problem = "no Ascend NPU found in the output of `npu-smi info`";
    return inventory;
}

std::vector<engine::DeviceInfo> NpuBackend::devices() {
    std::lock_guard lock(m_mutex);
    const NpuInventory found = inventory();
    const std::string torchProblem = torchNpuProblem();
    std::vector<engine::DeviceInfo> out;
    if (found.chips.empty()) {
        out.push_back(entry(0, NpuChip{"Ascend NPU", {}}, found.driverVersion));
        out.back().unavailableReason = joined(found.problem, torchProblem);
        return out;
    }
    for (int i = 0; i < static_cast<int>(found.chips.size()); ++i) {
        out.push_back(entry(i, found.chips[i], found.driverVersion));
        out.back().available = torchProblem.empty();
        out.back().unavailableReason = torchProblem;
    }
    return out;
}

std::string NpuBackend::prepareTraining(int index) {
    std::lock_guard lock(m_mutex);
    const NpuInventory found = inventory();
    if (index < 0 || index >= static_cast<int>(found.chips.size()))
        return found.chips.empty() ? joined(found.problem, torchNpuProblem())
                                   : "no device npu:" + std::to_string(index) + " (" +
                                         std::to_string(found.chips.size()) + " NPUs found)";
    return prepareTorchNpu(index);
}

std::unique_ptr<engine::TelemetrySource> NpuBackend::telemetry(int index) {
    std::lock_guard lock(m_mutex);
    const NpuInventory found = inventory();
    if (index < 0 || index >= static_cast<int>(found.chips.size()))
        return nullptr;
    if (!found.dcmiChips.empty())
        return std::make_unique<NpuTelemetry>(index, m_dcmi, found.dcmiChips[index]);
    return std::make_unique<NpuTelemetry>(index);
}

} // namespace tb::npu
