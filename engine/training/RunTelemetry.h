// The device readings a run takes while it trains.
#pragma once

#include "engine/training/EventPublisher.h"
#include "engine/training/RunCommands.h"

#include <memory>
#include <string>

namespace tb::engine {

class TelemetrySampler;

/// Samples the training device `device` (first, so that idleness is judged on it) and, beside
/// an accelerator, the host's CPU and RAM, `rateHz` times a second, publishing each reading as
/// the run's. Logs each device this machine cannot read; none when `rateHz` is 0 or no device
/// can be read.
std::unique_ptr<TelemetrySampler> startRunTelemetry(const std::string& device, double rateHz,
                                                    const EventPublisher& events,
                                                    const RunCommands& commands);

} // namespace tb::engine
