// Huawei's DaVinci card management interface (DCMI), loaded with dlopen: Ascend NPUs and
// their counters.
#pragma once

#include "plugins/npu/DcmiApi.h"
#include "plugins/npu/NpuReading.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace tb::npu {

/// Where one NPU chip sits: DCMI addresses chips by card and device, torch_npu by logic id.
struct DcmiChip {
    int card = 0;
    int device = 0;
    int logicId = 0; ///< the N of `npu:N`
};

/// DCMI, opened and initialised once (dcmi_init). Thread-safe: calls are serialised, since
/// DCMI's reference does not promise that it is.
class Dcmi {
public:
    /// Loads `TB_DCMI_LIBRARY` if set, else `libdcmi.so` through the dynamic linker's search
    /// and then the driver's default folder. Never null and never throws: when DCMI cannot be
    /// used, ok() is false and error() says why.
    static std::shared_ptr<Dcmi> open();

    bool ok() const { return m_error.empty(); }
    const std::string& error() const { return m_error; }

    /// Every chip of every card, by logic id.
    std::vector<DcmiChip> chips() const;
    /// `Ascend 910B3`, or `Ascend NPU` when DCMI cannot say.
    std::string name(const DcmiChip& chip) const;
    /// AI Core utilization, HBM (else DDR) used and total, power, temperature and AI Core
    /// clock, each read on its own so one failure spares the others.
    NpuReading read(const DcmiChip& chip) const;
    /// The driver's version, or empty.
    std::string driverVersion() const;

private:
    Dcmi() = default;

    DcmiApi m_api{};
    std::string m_error;
    mutable std::mutex m_mutex;
};

} // namespace tb::npu
