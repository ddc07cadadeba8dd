// One device's counters, read on the telemetry sampler's thread.
#pragma once

#include "engine/events/Event.h"

#include <string>

namespace tb::engine {

/// Reads the counters of one device (NVML for an NVIDIA GPU, DCMI or npu-smi for an Ascend
/// NPU, /proc for the CPU) and, where it can, the LibTorch allocator's bytes of this process
/// on that device. Called from one thread at a time, at most 10 times a second.
class TelemetrySource {
public:
    virtual ~TelemetrySource() = default;
    /// `cpu`, `cuda:0`, `npu:1`: the DeviceSample::device of every reading.
    virtual std::string device() const = 0;
    /// The counters now. Fills what the device reports and leaves -1 in the rest (runId and
    /// wallTimeS are the sampler's). Never throws: a counter that fails to read stays -1.
    virtual DeviceSample read() = 0;
};

} // namespace tb::engine
