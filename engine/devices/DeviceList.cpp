#include "engine/devices/DeviceBackends.h"
#include "engine/devices/DeviceId.h"
#include "engine/devices/DeviceInfo.h"

#include <exception>
#include <optional>

namespace tb::engine {
namespace {

/// Backends promise not to throw; a plugin that breaks the promise still gets a line.
std::vector<DeviceInfo> devicesOf(DeviceBackend& backend) {
    try {
        return backend.devices();
    } catch (const std::exception& e) {
        DeviceInfo d;
        d.id = backend.name() + ":0";
        d.backend = backend.name();
        d.name = backend.name();
        d.unavailableReason = std::string("the backend failed to list its devices: ") + e.what();
        return {d};
    }
}

} // namespace

std::vector<DeviceInfo> listDevices() {
    std::vector<DeviceInfo> out;
    for (const auto& backend : deviceBackends())
        for (DeviceInfo& d : devicesOf(*backend))
            out.push_back(std::move(d));
    return out;
}

bool deviceUsable(const std::string& id, std::string& reason) {
    const std::optional<DeviceId> wanted = parseDeviceId(id);
    std::string sameKind; // the ids of the wanted backend's devices, to name in the reason
    for (const DeviceInfo& d : listDevices()) {
        if (wanted && parseDeviceId(d.id) == wanted) {
            reason = d.unavailableReason;
            return d.available;
        }
        if (wanted && d.backend == wanted->backend)
            sameKind += (sameKind.empty() ? "" : ", ") + d.id;
    }
    reason = "no device " + id + " on this machine";
    if (wanted)
        reason += sameKind.empty() ? " (it has no " + wanted->backend + " device)"
                                   : " (its " + wanted->backend + " devices: " + sameKind + ")";
    return false;
}

std::string deviceModelName(const std::string& id) {
    int index = 0;
    DeviceBackend* backend = backendFor(id, index);
    if (!backend)
        return {};
    const std::optional<DeviceId> wanted = parseDeviceId(id);
    for (const DeviceInfo& d : devicesOf(*backend))
        if (d.available && parseDeviceId(d.id) == wanted)
            return d.name;
    return {};
}

} // namespace tb::engine
