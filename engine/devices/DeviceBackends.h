// The device backends of this process: the built-in CPU one and those of the plugins found.
#pragma once

#include "engine/devices/DeviceBackend.h"

#include <memory>
#include <string>
#include <vector>

namespace tb::engine {

/// The CPU backend first, then one backend per device plugin loaded (plugins/cuda,
/// plugins/npu), looked for once, on first use. A backend whose plugin is missing or refused
/// is still present and reports why in its unavailable device entry. Thread-safe.
const std::vector<std::shared_ptr<DeviceBackend>>& deviceBackends();

/// The backend that owns `deviceId` (`cuda:1` -> cuda, index 1; `cpu` -> cpu, index 0) or
/// nullptr for an id no backend owns.
DeviceBackend* backendFor(const std::string& deviceId, int& index);

} // namespace tb::engine
