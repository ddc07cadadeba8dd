// `npu-smi info`: the fallback source of Ascend NPU facts when DCMI cannot be loaded.
#pragma once

#include "plugins/npu/NpuReading.h"

#include <optional>
#include <string>
#include <vector>

namespace tb::npu {

/// One chip row pair of `npu-smi info`'s device table.
struct NpuSmiChip {
    int npuId = -1;     ///< the `NPU` column: the card's id
    int chipId = -1;    ///< the `Chip` column
    std::string health; ///< `OK`, `Warning`, ...
    std::string busId;  ///< `0000:C1:00.0`
    NpuChip chip;       ///< name `Ascend 910B3`; power, temperature, AI Core %, HBM (no clock)
};

/// The chips of `npu-smi info` output, in the order printed (torch_npu's order when every
/// NPU is visible). Reads the device table's two-row entries ("NPU Name | Health | Power(W)
/// Temp(C) Hugepages" then "Chip | Bus-Id | AICore(%) Memory-Usage(MB) HBM-Usage(MB)"), stops
/// at the process table, and takes HBM-Usage when present, else Memory-Usage. Text it does not
/// recognise yields no chips; a value it cannot read stays -1. Pure.
std::vector<NpuSmiChip> parseNpuSmiInfo(const std::string& text);

/// Runs `npu-smi info` (`TB_NPU_SMI` names another program) and returns its output; nullopt
/// with `error` set when it cannot be run or fails.
std::optional<std::string> runNpuSmiInfo(std::string& error);

} // namespace tb::npu
