#include "engine/training/Autocast.h"

#include <ATen/autocast_mode.h>
#include <stdexcept>
#include <torch/version.h>

namespace tb::engine {
namespace {

// torch_npu registers its autocast kernels from Python, not in libtorch_npu (see
// plugins/npu/TorchNpu.h): switching autocast on for its device would change nothing.
bool deviceTypeSupported(c10::DeviceType type) {
    return type == c10::DeviceType::CPU || type == c10::DeviceType::CUDA;
}

#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
// LibTorch 2.4 made the switches take the device type; the per-device functions it replaced
// warn when called.
bool isEnabled(c10::DeviceType type) {
    return at::autocast::is_autocast_enabled(type);
}
void setEnabled(c10::DeviceType type, bool enabled) {
    at::autocast::set_autocast_enabled(type, enabled);
}
c10::ScalarType castType(c10::DeviceType type) {
    return at::autocast::get_autocast_dtype(type);
}
void setCastType(c10::DeviceType type, c10::ScalarType scalarType) {
    at::autocast::set_autocast_dtype(type, scalarType);
}
#else
// Before 2.4 there is one switch for the CPU and one, unnamed, for CUDA.
bool isEnabled(c10::DeviceType type) {
    return type == c10::DeviceType::CPU ? at::autocast::is_cpu_enabled()
                                        : at::autocast::is_enabled();
}
void setEnabled(c10::DeviceType type, bool enabled) {
    if (type == c10::DeviceType::CPU)
        at::autocast::set_cpu_enabled(enabled);
    else
        at::autocast::set_enabled(enabled);
}
c10::ScalarType castType(c10::DeviceType type) {
    return type == c10::DeviceType::CPU ? at::autocast::get_autocast_cpu_dtype()
                                        : at::autocast::get_autocast_gpu_dtype();
}
void setCastType(c10::DeviceType type, c10::ScalarType scalarType) {
    if (type == c10::DeviceType::CPU)
        at::autocast::set_autocast_cpu_dtype(scalarType);
    else
        at::autocast::set_autocast_gpu_dtype(scalarType);
}
#endif

bool cpuTakesOnlyBFloat16() {
    return TORCH_VERSION_MAJOR < 2;
}

} // namespace

std::optional<c10::ScalarType> autocastType(const std::string& amp) {
    if (amp == "bf16")
        return c10::ScalarType::BFloat16;
    if (amp == "fp16")
        return c10::ScalarType::Half;
    return std::nullopt;
}

std::string autocastUnavailableReason(c10::Device device, c10::ScalarType type) {
    if (!deviceTypeSupported(device.type()))
        return "no mixed precision on " + device.str() +
               " from C++: only the cpu and cuda devices autocast";
    if (device.is_cpu() && type != c10::ScalarType::BFloat16 && cpuTakesOnlyBFloat16())
        return "LibTorch " TORCH_VERSION " autocasts on the CPU to bf16 only";
    return {};
}

AutocastScope::AutocastScope(c10::Device device, c10::ScalarType type)
    : m_deviceType(device.type())
    , m_wasEnabled(false)
    , m_previousType(type) {
    const std::string reason = autocastUnavailableReason(device, type);
    if (!reason.empty())
        throw std::invalid_argument(reason);
    m_wasEnabled = isEnabled(m_deviceType);
    m_previousType = castType(m_deviceType);
    setEnabled(m_deviceType, true);
    setCastType(m_deviceType, type);
    at::autocast::increment_nesting();
}

AutocastScope::~AutocastScope() {
    // Casts of the weights are cached for the scope's forward pass; the outermost scope frees
    // them so that the next step casts the updated weights.
    if (at::autocast::decrement_nesting() == 0)
        at::autocast::clear_cache();
    setEnabled(m_deviceType, m_wasEnabled);
    setCastType(m_deviceType, m_previousType);
}

} // namespace tb::engine
