#include "plugins/npu/Dcmi.h"

#include "engine/plugins/DynamicLibrary.h"

#include <algorithm>
#include <cstdlib>

namespace tb::npu {
namespace {

/// Where the Ascend driver installs it when its folder is not on the loader's path.
constexpr const char* kDriverLibrary = "/usr/local/Ascend/driver/lib64/driver/libdcmi.so";
constexpr std::int64_t kBytesPerMB = 1024 * 1024;

engine::DynamicLibrary openLibrary() {
    if (const char* path = std::getenv("TB_DCMI_LIBRARY"); path && *path)
        return engine::DynamicLibrary::open(path);
    auto library = engine::DynamicLibrary::open("libdcmi.so");
    if (library.ok())
        return library;
    auto installed = engine::DynamicLibrary::open(kDriverLibrary);
    return installed.ok() ? installed : library;
}

std::string text(const unsigned char* bytes, std::size_t size) {
    const auto* begin = reinterpret_cast<const char*>(bytes);
    return std::string(begin, std::find(begin, begin + size, '\0'));
}

} // namespace

std::shared_ptr<Dcmi> Dcmi::open() {
    std::shared_ptr<Dcmi> dcmi(new Dcmi);
    const auto library = openLibrary();
    if (!library.ok()) {
        dcmi->m_error = "Ascend driver not found (" + library.error() +
                        "; set TB_DCMI_LIBRARY if its libdcmi.so is elsewhere)";
        return dcmi;
    }
    DcmiApi& api = dcmi->m_api;
    std::string missing;
    library.resolve("dcmi_init", api.init, missing);
    api.getCardList = library.symbol<decltype(api.getCardList)>("dcmi_get_card_num_list");
    if (!api.getCardList)
        library.resolve("dcmi_get_card_list", api.getCardList, missing);
    library.resolve("dcmi_get_device_num_in_card", api.getDeviceNumInCard, missing);
    library.resolve("dcmi_get_device_chip_info", api.getChipInfo, missing);
    library.resolve("dcmi_get_device_utilization_rate", api.getUtilizationRate, missing);
    library.resolve("dcmi_get_device_hbm_info", api.getHbmInfo, missing);
    library.resolve("dcmi_get_device_power_info", api.getPowerInfo, missing);
    library.resolve("dcmi_get_device_temperature", api.getTemperature, missing);
    library.resolve("dcmi_get_device_frequency", api.getFrequency, missing);
    if (!missing.empty()) {
        dcmi->m_error = library.path() + " has no " + missing +
                        ": the Ascend driver is too old or broken; update it";
        return dcmi;
    }
    using MemoryInfo = decltype(api.getMemoryInfoV3);
    api.getMemoryInfoV3 = library.symbol<MemoryInfo>("dcmi_get_device_memory_info_v3");
    api.getLogicId = library.symbol<decltype(api.getLogicId)>("dcmi_get_device_logic_id");
    api.getDriverVersion =
        library.symbol<decltype(api.getDriverVersion)>("dcmi_get_driver_version");
    if (const int rc = api.init(); rc != DCMI_OK)
        dcmi->m_error = "the Ascend driver did not start: dcmi_init returned " +
                        std::to_string(rc) + " (check the driver with `npu-smi info`)";
    return dcmi;
}

std::vector<DcmiChip> Dcmi::chips() const {
    std::vector<DcmiChip> out;
    if (!ok())
        return out;
    std::lock_guard lock(m_mutex);
    int cardCount = 0;
    int cards[kDcmiMaxCards] = {};
    if (m_api.getCardList(&cardCount, cards, kDcmiMaxCards) != DCMI_OK)
        return out;
    for (int c = 0; c < std::min(cardCount, kDcmiMaxCards); ++c) {
        int deviceCount = 0;
        if (m_api.getDeviceNumInCard(cards[c], &deviceCount) != DCMI_OK)
            continue;
        for (int d = 0; d < deviceCount; ++d) {
            // Without logic ids (older drivers), enumeration order is torch_npu's order.
            DcmiChip chip{cards[c], d, static_cast<int>(out.size())};
            int logicId = 0;
            if (m_api.getLogicId && m_api.getLogicId(&logicId, cards[c], d) == DCMI_OK)
                chip.logicId = logicId;
            out.push_back(chip);
        }
    }
    std::sort(out.begin(), out.end(),
              [](const DcmiChip& a, const DcmiChip& b) { return a.logicId < b.logicId; });
    return out;
}

std::string Dcmi::name(const DcmiChip& chip) const {
    std::lock_guard lock(m_mutex);
    dcmi_chip_info info{};
    if (!ok() || m_api.getChipInfo(chip.card, chip.device, &info) != DCMI_OK)
        return "Ascend NPU";
    const std::string type = text(info.chip_type, sizeof(info.chip_type));
    return (type.empty() ? "Ascend" : type) + " " + text(info.chip_name, sizeof(info.chip_name));
}

NpuReading Dcmi::read(const DcmiChip& chip) const {
    NpuReading r;
    if (!ok())
        return r;
    std::lock_guard lock(m_mutex);
    const int card = chip.card;
    const int device = chip.device;
    unsigned int value = 0;
    if (m_api.getUtilizationRate(card, device, DCMI_UTILIZATION_RATE_AICORE, &value) == DCMI_OK)
        r.aiCoreUtilizationPct = value;
    dcmi_hbm_info hbm{};
    dcmi_get_memory_info_stru ddr{};
    if (m_api.getHbmInfo(card, device, &hbm) == DCMI_OK && hbm.memory_size > 0) {
        r.memoryTotalBytes = static_cast<std::int64_t>(hbm.memory_size) * kBytesPerMB;
        r.memoryUsedBytes = static_cast<std::int64_t>(hbm.memory_usage) * kBytesPerMB;
    } else if (m_api.getMemoryInfoV3 && m_api.getMemoryInfoV3(card, device, &ddr) == DCMI_OK) {
        r.memoryTotalBytes = static_cast<std::int64_t>(ddr.memory_size) * kBytesPerMB;
        r.memoryUsedBytes =
            static_cast<std::int64_t>(ddr.memory_size - ddr.memory_available) * kBytesPerMB;
    }
    int signedValue = 0;
    if (m_api.getPowerInfo(card, device, &signedValue) == DCMI_OK)
        r.powerW = signedValue / 10.0;
    if (m_api.getTemperature(card, device, &signedValue) == DCMI_OK)
        r.temperatureC = signedValue;
    if (m_api.getFrequency(card, device, DCMI_FREQ_AICORE_CURRENT, &value) == DCMI_OK)
        r.aiCoreClockMHz = value;
    return r;
}

std::string Dcmi::driverVersion() const {
    std::lock_guard lock(m_mutex);
    char version[kDcmiDriverVersionLen] = {};
    if (!ok() || !m_api.getDriverVersion ||
        m_api.getDriverVersion(version, sizeof(version) - 1) != DCMI_OK)
        return {};
    return version;
}

} // namespace tb::npu
