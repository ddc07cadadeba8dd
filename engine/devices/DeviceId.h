// Device ids as the config and the CLI spell them: `cpu`, `cuda:1`, `npu:0`.
#pragma once

#include <optional>
#include <string>

namespace tb::engine {

/// A device id split into its backend and index.
struct DeviceId {
    std::string backend; ///< `cpu`, `cuda`, `npu`
    int index = 0;
};

inline bool operator==(const DeviceId& a, const DeviceId& b) {
    return a.backend == b.backend && a.index == b.index;
}

/// Splits `cpu`, `cuda`, `cuda:1`, `npu:0` (`cuda` alone is `cuda:0`); nullopt for text that
/// is not `<letters>` or `<letters>:<digits>`. Says nothing about whether the device exists.
std::optional<DeviceId> parseDeviceId(const std::string& id);

} // namespace tb::engine
