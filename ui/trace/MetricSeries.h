// The points of one metric curve, one column per possible x axis.
#pragma once

#include "ui/trace/XAxisMode.h"

#include <cstddef>
#include <vector>

namespace tb::ui {

/// Columns of equal length, sorted by step (and so by epoch and wall time too). Kept as
/// plain arrays so that a million points downsample without conversion.
struct MetricSeries {
    std::vector<double> step;
    std::vector<double> epoch; ///< fractional: step / steps per epoch
    std::vector<double> wallS;
    std::vector<double> value;

    std::size_t size() const { return value.size(); }
    const std::vector<double>& x(XAxisMode mode) const;
    /// Adds a point; one at the same step as the last replaces it (an epoch summary
    /// restating the step's loss), one before the last is dropped (the series has it).
    void append(double atStep, double atEpoch, double atWallS, double v);
    void reserve(std::size_t n);
};

/// The telemetry of one device over a run.
struct DeviceSeries {
    std::vector<double> wallS;
    std::vector<double> memoryUsedBytes; ///< NaN when unknown
    std::vector<double> allocatedBytes;  ///< LibTorch allocator; NaN when unknown
    std::vector<double> utilizationPct;  ///< NaN when unknown
    double memoryTotalBytes = -1.0;

    std::size_t size() const { return wallS.size(); }
};

/// Where one epoch ended, in every x unit.
struct EpochMark {
    double epoch = 0.0;
    double step = 0.0;
    double wallS = 0.0;

    double x(XAxisMode mode) const {
        return mode == XAxisMode::Step ? step : mode == XAxisMode::Epoch ? epoch : wallS;
    }
};

} // namespace tb::ui
