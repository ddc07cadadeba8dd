#include "RunFigures.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <sstream>

namespace tb::cli {
using namespace tb::engine;

std::string metricText(const std::vector<MetricValue>& metrics, const std::string& name) {
    for (const auto& m : metrics) {
        if (m.name == name) {
            std::ostringstream s;
            s << std::fixed << std::setprecision(4) << m.value;
            return s.str();
        }
    }
    return "-";
}

std::vector<std::string> defaultMetricColumns(const std::vector<RunSummary>& runs) {
    std::vector<std::string> names{"val/loss"};
    for (const char* name : {"test/accuracy", "test/mse"}) {
        const bool anyRun = std::any_of(runs.begin(), runs.end(), [name](const RunSummary& r) {
            return metricText(r.finalMetrics, name) != "-";
        });
        if (anyRun)
            names.emplace_back(name);
    }
    return names;
}

std::string secondsText(double seconds) {
    char text[32];
    std::snprintf(text, sizeof(text),
                  seconds < 10    ? "%.2f s"
                  : seconds < 100 ? "%.1f s"
                                  : "%.0f s",
                  seconds);
    return text;
}

std::string timesText(double times) {
    char text[32];
    std::snprintf(text, sizeof(text), times < 10 ? "%.2fx" : "%.1fx", times);
    return text;
}

std::string typicalEpochText(const tb::engine::ComparedSpeed& speed, std::size_t run) {
    const std::optional<double>& seconds = speed.epochSeconds.values[run];
    if (!seconds)
        return "-";
    // Its only epoch carries the warm-up that the others' typical epoch leaves out.
    return secondsText(*seconds) + (speed.firstEpochOnly[run] ? " (its one epoch)" : "");
}

std::string dataWaitText(const ComparedSpeed& speed, std::size_t run) {
    const std::optional<double>& share = speed.dataWait.values[run];
    return share ? std::to_string(std::lround(*share * 100.0)) + "%" : "-";
}

} // namespace tb::cli
