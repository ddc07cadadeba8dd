// The LibTorch device behind a device id. Engine-internal: it exposes LibTorch.
#pragma once

#include <c10/core/Device.h>
#include <string>

namespace tb::engine {

/// `cpu` -> CPU, `cuda:N` -> CUDA device N, `npu:N` -> PrivateUse1 device N (torch_npu's
/// device type; LibTorch 1.13 has PrivateUse1 but no torch_npu, see plugins/npu/TorchNpu.h).
/// `cuda` and `npu` alone mean index 0. Throws std::invalid_argument naming the id for any
/// other text. Says nothing about whether the device can be used (see deviceUsable()).
c10::Device torchDevice(const std::string& id);

} // namespace tb::engine
