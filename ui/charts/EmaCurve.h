// An exponentially smoothed copy of a growing curve.
#pragma once

#include "ui/charts/ExtremaIndex.h"

#include <cstddef>
#include <vector>

namespace tb::ui {

/// Exponential moving average with TensorBoard's de-biasing (the first points are not pulled
/// towards zero): s_i = a_i / (1 - w^k) with a_i = w a_(i-1) + (1 - w) y_i over the k finite
/// points so far. update() only computes what was appended since the last call (plus the
/// last point, which MetricSeries may have replaced), so live curves cost O(new points).
/// Non-finite values pass through unsmoothed and leave the average alone. The smoothed copy
/// keeps its own ExtremaIndex, which only it knows when to start over.
class EmaCurve {
public:
    /// Brings the smoothed copy up to date with `y`; a new `weight` (0 = no smoothing,
    /// 0.99 = heavy) or a shorter `y` starts over.
    void update(const std::vector<double>& y, double weight);
    const std::vector<double>& values() const { return m_smoothed; }
    const ExtremaIndex& index() const { return m_index; }

private:
    double m_weight = -1.0;
    std::vector<double> m_smoothed;
    ExtremaIndex m_index;
    // The running state just before the last smoothed point, to redo that point.
    double m_accumBeforeLast = 0.0;
    double m_weightPowBeforeLast = 1.0;
};

} // namespace tb::ui
