#include "plugins/npu/NpuTelemetry.h"

#include "plugins/npu/NpuSmi.h"

namespace tb::npu {
namespace {

NpuReading npuSmiReading(int index) {
    std::string error;
    const auto output = runNpuSmiInfo(error);
    if (!output)
        return {};
    const auto chips = parseNpuSmiInfo(*output);
    return index >= 0 && index < static_cast<int>(chips.size()) ? chips[index].chip.reading
                                                                : NpuReading{};
}

} // namespace

NpuTelemetry::NpuTelemetry(int index, std::shared_ptr<const Dcmi> dcmi, DcmiChip chip)
    : m_index(index)
    , m_dcmi(std::move(dcmi))
    , m_chip(chip) {}

NpuTelemetry::NpuTelemetry(int index)
    : m_index(index) {}

engine::DeviceSample NpuTelemetry::read() {
    const NpuReading r = m_dcmi ? m_dcmi->read(*m_chip) : npuSmiReading(m_index);
    engine::DeviceSample s;
    s.device = device();
    s.utilizationPct = r.aiCoreUtilizationPct;
    s.memoryUsedBytes = r.memoryUsedBytes;
    s.memoryTotalBytes = r.memoryTotalBytes;
    s.powerW = r.powerW;
    s.temperatureC = r.temperatureC;
    s.clockMHz = r.aiCoreClockMHz;
    return s;
}

} // namespace tb::npu
