// RunStore::exportMetricsCsv: one run's curves side by side, one row per step.
#include "engine/store/RunStore.h"
#include "engine/util/CsvFields.h"

#include <algorithm>
#include <charconv>
#include <optional>

namespace tb::engine {

namespace {

/// Shortest text that reads back to the same double (`0.1`, `1e-07`), `nan`/`inf` for the
/// non-finite values, as Python and pandas read them.
void appendNumber(std::string& out, double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void appendNumber(std::string& out, std::int64_t value) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

} // namespace

std::string RunStore::exportMetricsCsv(std::int64_t runId) const {
    const std::vector<std::string> names = metricNames(runId);
    std::vector<std::vector<MetricPoint>> series;
    series.reserve(names.size());
    for (const std::string& name : names) {
        series.push_back(metricSeries(runId, name));
    }

    std::string csv = "step,epoch,wall_time_s";
    for (const std::string& name : names) {
        csv += ',';
        csv += csvField(name);
    }
    csv += '\n';

    // Merge the curves (each sorted by step) into rows: a handful of series, so a linear
    // look at every series' next point per row is cheaper than a heap.
    std::vector<std::size_t> next(series.size(), 0);
    std::string cells;
    for (;;) {
        std::optional<std::int64_t> step;
        for (std::size_t i = 0; i < series.size(); ++i) {
            if (next[i] < series[i].size()) {
                step = std::min(step.value_or(INT64_MAX), series[i][next[i]].step);
            }
        }
        if (!step) {
            break;
        }
        // Series at one step may come from different events (step metrics, epoch summary):
        // the row carries the epoch and time of the latest of them.
        std::optional<MetricPoint> latest;
        cells.clear();
        for (std::size_t i = 0; i < series.size(); ++i) {
            cells += ',';
            if (next[i] < series[i].size() && series[i][next[i]].step == *step) {
                const MetricPoint& point = series[i][next[i]++];
                if (!latest || point.wallTimeS > latest->wallTimeS) {
                    latest = point;
                }
                appendNumber(cells, point.value);
            }
        }
        appendNumber(csv, *step);
        csv += ',';
        appendNumber(csv, latest->epoch);
        csv += ',';
        appendNumber(csv, latest->wallTimeS);
        csv += cells;
        csv += '\n';
    }
    return csv;
}

} // namespace tb::engine
