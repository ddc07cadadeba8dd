#include "ui/trace/MetricSeries.h"

namespace tb::ui {

const std::vector<double>& MetricSeries::x(XAxisMode mode) const {
    switch (mode) {
    case XAxisMode::Step:
        return step;
    case XAxisMode::Epoch:
        return epoch;
    case XAxisMode::WallTime:
        return wallS;
    }
    return step;
}

void MetricSeries::append(double atStep, double atEpoch, double atWallS, double v) {
    // A continued run's curve, read from the workspace, may already hold its first live points.
    if (!step.empty() && atStep < step.back())
        return;
    if (!step.empty() && step.back() == atStep) {
        epoch.back() = atEpoch;
        wallS.back() = atWallS;
        value.back() = v;
        return;
    }
    step.push_back(atStep);
    epoch.push_back(atEpoch);
    wallS.push_back(atWallS);
    value.push_back(v);
}

void MetricSeries::reserve(std::size_t n) {
    step.reserve(n);
    epoch.reserve(n);
    wallS.reserve(n);
    value.reserve(n);
}

} // namespace tb::ui
