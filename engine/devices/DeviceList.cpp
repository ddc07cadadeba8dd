#include "engine/devices/DeviceBackends.h"
#include "engine/devices/DeviceInfo.h"

#include <exception>

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
    const std::string wanted = id == "cuda" ? "cuda:0" : id == "npu" ? "npu:0" : id;
    for (const DeviceInfo& d : listDevices()) {
        if (d.id != wanted)
            continue;
        reason = d.unavailableReason;
        return d.available;
    }
    const auto colon = wanted.find(':');
    reason = "no device " + wanted + " on this machine (" + wanted.substr(0, colon) +
             " devices: see `trainbench-cli devices`)";
    return false;
}

} // namespace tb::engine
