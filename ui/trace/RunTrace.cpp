#include "ui/trace/RunTrace.h"

#include "ui/util/Format.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace tb::ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double knownOrNaN(double value) {
    return value < 0 ? kNaN : value;
}

} // namespace

RunTrace::RunTrace(QObject* parent)
    : QObject(parent) {}

void RunTrace::restart(const Info& info) {
    m_info = info;
    m_metrics.clear();
    m_devices.clear();
    m_epochMarks.clear();
    m_timelineWallS.clear();
    m_timelineStep.clear();
    Q_EMIT cleared();
}

void RunTrace::replaceWith(RunTrace& newer) {
    std::swap(m_info, newer.m_info);
    m_metrics.swap(newer.m_metrics);
    m_devices.swap(newer.m_devices);
    m_epochMarks.swap(newer.m_epochMarks);
    m_timelineWallS.swap(newer.m_timelineWallS);
    m_timelineStep.swap(newer.m_timelineStep);
    Q_EMIT appended();
}

void RunTrace::append(const EventBatch& batch) {
    if (batch.empty())
        return;
    for (const tb::engine::Event& event : batch)
        apply(event);
    Q_EMIT appended();
}

void RunTrace::apply(const tb::engine::Event& event) {
    using namespace tb::engine;
    if (const auto* started = std::get_if<RunStarted>(&event)) {
        m_info.runId = started->runId;
        m_info.name = toQString(started->name);
        m_info.device = toQString(started->device);
        m_info.status = QStringLiteral("running");
        m_info.statusReason.clear();
        m_info.totalEpochs = started->totalEpochs;
        m_info.stepsPerEpoch = started->stepsPerEpoch;
    } else if (const auto* step = std::get_if<StepMetrics>(&event)) {
        const auto s = static_cast<double>(step->step);
        const double e = epochAtStep(s, static_cast<double>(step->epoch));
        addMetrics(step->values, s, e, step->wallTimeS);
        m_metrics[kStepSamplesPerSecMetric].append(s, e, step->wallTimeS, step->samplesPerSec);
    } else if (const auto* epoch = std::get_if<EpochSummary>(&event)) {
        const auto s = static_cast<double>(epoch->step);
        const auto e = static_cast<double>(epoch->epoch);
        addMetrics(epoch->values, s, e, epoch->wallTimeS);
        m_metrics[kEpochDurationMetric].append(s, e, epoch->wallTimeS, epoch->durationS);
        m_metrics[kEpochSamplesPerSecMetric].append(s, e, epoch->wallTimeS, epoch->samplesPerSec);
        if (m_epochMarks.empty() || m_epochMarks.back().epoch < e)
            m_epochMarks.push_back({e, s, epoch->wallTimeS});
    } else if (const auto* sample = std::get_if<DeviceSample>(&event)) {
        DeviceSeries& d = m_devices[toQString(sample->device)];
        if (!d.wallS.empty() && sample->wallTimeS <= d.wallS.back())
            return; // already read from the workspace, as the metrics above
        d.wallS.push_back(sample->wallTimeS);
        d.memoryUsedBytes.push_back(knownOrNaN(static_cast<double>(sample->memoryUsedBytes)));
        d.allocatedBytes.push_back(knownOrNaN(static_cast<double>(sample->allocatedBytes)));
        d.utilizationPct.push_back(knownOrNaN(sample->utilizationPct));
        if (sample->memoryTotalBytes > 0)
            d.memoryTotalBytes = static_cast<double>(sample->memoryTotalBytes);
    } else if (const auto* ended = std::get_if<RunEnded>(&event)) {
        m_info.status = QString::fromUtf8(toString(ended->status));
        m_info.statusReason = toQString(ended->reason);
        // Test scores and best values sit at the run's last step, as the store keeps them.
        const double lastStep = m_timelineStep.empty() ? 0.0 : m_timelineStep.back();
        addMetrics(ended->finalMetrics, lastStep, epochAtStep(lastStep, 0.0), ended->wallTimeS);
    }
}

void RunTrace::addMetrics(const std::vector<tb::engine::MetricValue>& values, double step,
                          double epoch, double wallS) {
    for (const tb::engine::MetricValue& v : values)
        m_metrics[toQString(v.name)].append(step, epoch, wallS, v.value);
    addTimelinePoint(wallS, step);
}

void RunTrace::rebuildTimeline() {
    m_timelineWallS.clear();
    m_timelineStep.clear();
    const MetricSeries* longest = nullptr;
    for (const auto& [name, s] : m_metrics) {
        if (!longest || s.size() > longest->size())
            longest = &s;
    }
    if (!longest)
        return;
    for (std::size_t i = 0; i < longest->size(); ++i)
        addTimelinePoint(longest->wallS[i], longest->step[i]);
}

void RunTrace::addTimelinePoint(double wallS, double step) {
    if (!m_timelineWallS.empty() && wallS <= m_timelineWallS.back())
        return;
    m_timelineWallS.push_back(wallS);
    m_timelineStep.push_back(step);
}

bool RunTrace::xExtent(XAxisMode mode, double& lower, double& upper) const {
    bool any = false;
    for (const auto& [name, series] : m_metrics) {
        if (series.size() == 0)
            continue;
        const std::vector<double>& x = series.x(mode);
        lower = any ? std::min(lower, x.front()) : x.front();
        upper = any ? std::max(upper, x.back()) : x.back();
        any = true;
    }
    return any;
}

double RunTrace::epochAtStep(double step, double reportedEpoch) const {
    if (m_info.stepsPerEpoch <= 0)
        return reportedEpoch;
    return step / static_cast<double>(m_info.stepsPerEpoch);
}

double RunTrace::xAtWallTime(double wallS, XAxisMode mode) const {
    if (mode == XAxisMode::WallTime)
        return wallS;
    double step = 0.0;
    if (!m_timelineWallS.empty()) {
        const auto upper = std::upper_bound(m_timelineWallS.begin(), m_timelineWallS.end(), wallS);
        const auto i = static_cast<std::size_t>(upper - m_timelineWallS.begin());
        // Before the first step the run started at step 0, time 0.
        const double t0 = i == 0 ? 0.0 : m_timelineWallS[i - 1];
        const double s0 = i == 0 ? 0.0 : m_timelineStep[i - 1];
        if (i == m_timelineWallS.size()) {
            step = s0;
        } else {
            const double t1 = m_timelineWallS[i];
            const double s1 = m_timelineStep[i];
            step = t1 > t0 ? s0 + (s1 - s0) * (wallS - t0) / (t1 - t0) : s1;
        }
    }
    return mode == XAxisMode::Step ? step : epochAtStep(step, 0.0);
}

} // namespace tb::ui
