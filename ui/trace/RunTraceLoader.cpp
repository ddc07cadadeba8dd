#include "ui/trace/RunTraceLoader.h"

#include "engine/store/RunStore.h"
#include "engine/store/TestedRun.h"
#include "ui/trace/RunPrecision.h"
#include "ui/trace/RunTrace.h"
#include "ui/util/Format.h"

#include <cmath>
#include <limits>
#include <map>

namespace tb::ui {

using tb::engine::MetricPoint;

namespace {

struct EpochEnd {
    double step = -1.0;
    double wallS = 0.0;
};

using StoredCurves = std::map<QString, std::vector<MetricPoint>>;

/// The last step of every epoch seen. The store keeps no epoch table, but the epoch summary
/// writes its values at the epoch's final step, so the largest step per epoch is the end.
std::map<std::int64_t, EpochEnd> epochEnds(const StoredCurves& curves) {
    std::map<std::int64_t, EpochEnd> ends;
    for (const auto& [name, points] : curves) {
        for (const MetricPoint& p : points) {
            EpochEnd& end = ends[p.epoch];
            if (static_cast<double>(p.step) > end.step)
                end = {static_cast<double>(p.step), p.wallTimeS};
        }
    }
    return ends;
}

double nanIfUnknown(double value) {
    return value < 0 ? std::numeric_limits<double>::quiet_NaN() : value;
}

void loadDeviceSamples(const tb::engine::RunStore& store, qint64 runId, RunTrace& trace) {
    for (const tb::engine::DeviceSample& s : store.deviceSamples(runId)) {
        DeviceSeries& d = trace.deviceSeries(toQString(s.device));
        d.wallS.push_back(s.wallTimeS);
        d.memoryUsedBytes.push_back(nanIfUnknown(static_cast<double>(s.memoryUsedBytes)));
        d.allocatedBytes.push_back(nanIfUnknown(static_cast<double>(s.allocatedBytes)));
        d.utilizationPct.push_back(nanIfUnknown(s.utilizationPct));
        if (s.memoryTotalBytes > 0)
            d.memoryTotalBytes = static_cast<double>(s.memoryTotalBytes);
    }
}

} // namespace

void loadRunTrace(const tb::engine::RunStore& store, qint64 runId, RunTrace& trace) {
    const auto record = store.run(runId);
    if (!record)
        throw tb::engine::StoreError("run " + std::to_string(runId) +
                                     " is not in this workspace; refresh the runs list");
    StoredCurves curves;
    for (const std::string& name : store.metricNames(runId))
        curves[toQString(name)] = store.metricSeries(runId, name);

    const auto ends = epochEnds(curves);
    const bool finished = record->status == tb::engine::RunStatus::Finished;
    // The last epoch of an interrupted run did not end where its last point is.
    const std::int64_t lastCompleteEpoch =
        ends.empty() ? 0 : (finished ? ends.rbegin()->first : ends.rbegin()->first - 1);

    RunTrace::Info info;
    info.runId = runId;
    info.name = toQString(record->name);
    info.device = toQString(record->device);
    info.precision = precisionOf(record->configYaml);
    info.status = QString::fromUtf8(tb::engine::toString(record->status));
    info.statusReason = toQString(record->statusReason);
    info.testedWeights = toQString(tb::engine::testedWeights(*record).value_or(std::string()));
    info.totalEpochs = ends.empty() ? 0 : ends.rbegin()->first;
    if (lastCompleteEpoch >= 1 && ends.count(1))
        info.stepsPerEpoch = static_cast<qint64>(ends.at(1).step);
    trace.restart(info);

    for (const auto& [name, points] : curves) {
        MetricSeries& series = trace.series(name);
        series.reserve(points.size());
        for (const MetricPoint& p : points) {
            const auto step = static_cast<double>(p.step);
            series.append(step, trace.epochAtStep(step, static_cast<double>(p.epoch)), p.wallTimeS,
                          p.value);
        }
    }
    std::vector<EpochMark> marks;
    for (const auto& [epoch, end] : ends) {
        if (epoch >= 1 && epoch <= lastCompleteEpoch)
            marks.push_back({static_cast<double>(epoch), end.step, end.wallS});
    }
    trace.setEpochMarks(std::move(marks));
    loadDeviceSamples(store, runId, trace);
    trace.rebuildTimeline();
    trace.notifyAppended();
}

} // namespace tb::ui
