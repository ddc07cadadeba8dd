#include "engine/training/RunTelemetry.h"

#include "engine/devices/DeviceBackends.h"
#include "engine/telemetry/TelemetrySampler.h"

#include <vector>

namespace tb::engine {

std::unique_ptr<TelemetrySampler> startRunTelemetry(const std::string& device, double rateHz,
                                                    const EventPublisher& events,
                                                    const RunCommands& commands) {
    if (rateHz <= 0.0)
        return nullptr;
    std::vector<std::string> ids{device};
    if (device != "cpu")
        ids.emplace_back("cpu");
    std::vector<std::unique_ptr<TelemetrySource>> sources;
    for (const std::string& id : ids) {
        int index = 0;
        DeviceBackend* backend = backendFor(id, index);
        std::unique_ptr<TelemetrySource> source = backend ? backend->telemetry(index) : nullptr;
        if (source)
            sources.push_back(std::move(source));
        else
            events.log(LogLevel::Info, "no telemetry for " + id + " on this machine");
    }
    if (sources.empty())
        return nullptr;
    return std::make_unique<TelemetrySampler>(
        std::move(sources), rateHz, [&events] { return events.elapsedS(); },
        [&events, &commands](DeviceSample sample) {
            // A held run's readings would only crowd its metrics out of the memory the store
            // writer keeps them in until the workspace can be written.
            if (commands.held())
                return;
            sample.runId = events.runId();
            events.publish(sample);
        });
}

} // namespace tb::engine
