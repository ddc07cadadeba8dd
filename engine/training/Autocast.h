// Mixed-precision autocast around a forward pass, over LibTorch 1.13's and 2.x's APIs.
// Engine-internal: it exposes LibTorch.
#pragma once

#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>
#include <optional>
#include <string>

namespace tb::engine {

/// The lower-precision type of `train.amp` (`bf16`, `fp16`); none for `off`.
std::optional<c10::ScalarType> autocastType(const std::string& amp);

/// Why this LibTorch cannot autocast to `type` on `device` (empty when it can): CPU autocast
/// takes only bfloat16 in LibTorch 1.13, and torch_npu's autocast exists only in Python.
std::string autocastUnavailableReason(c10::Device device, c10::ScalarType type);

/// While alive, eligible operators on `device`'s type run in `type` (matrix products and
/// convolutions in the lower precision, reductions and losses in float32), as Python's
/// `torch.autocast` does; the previous state comes back on destruction, including the cast
/// cache being dropped when the outermost scope ends. Scopes nest. Thread-local, as autocast is.
class AutocastScope {
public:
    AutocastScope(c10::Device device, c10::ScalarType type);
    ~AutocastScope();

    AutocastScope(const AutocastScope&) = delete;
    AutocastScope& operator=(const AutocastScope&) = delete;

private:
    c10::DeviceType m_deviceType;
    bool m_wasEnabled;
    c10::ScalarType m_previousType;
};

} // namespace tb::engine
