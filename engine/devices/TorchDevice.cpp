#include "engine/devices/TorchDevice.h"

#include "engine/devices/DeviceId.h"

#include <stdexcept>

namespace tb::engine {

c10::Device torchDevice(const std::string& id) {
    const auto parsed = parseDeviceId(id);
    const auto index = parsed ? static_cast<c10::DeviceIndex>(parsed->index) : 0;
    if (parsed && parsed->backend == "cpu" && parsed->index == 0)
        return c10::Device(c10::DeviceType::CPU);
    if (parsed && parsed->backend == "cuda")
        return c10::Device(c10::DeviceType::CUDA, index);
    if (parsed && parsed->backend == "npu")
        return c10::Device(c10::DeviceType::PrivateUse1, index);
    throw std::invalid_argument("'" + id +
                                "' is not a device id: write cpu, cuda, cuda:N, npu or npu:N");
}

} // namespace tb::engine
