// How the command line's tables write a run's figures.
#pragma once

#include "engine/store/RunComparison.h"
#include "engine/store/RunRecord.h"

#include <string>
#include <vector>

namespace tb::cli {

/// The final value of metric `name` with four decimals, `-` when the run has none.
std::string metricText(const std::vector<tb::engine::MetricValue>& metrics,
                       const std::string& name);

/// The metric columns of a run table when none are asked for: the validation loss, and the
/// test metric of each kind of run among `runs` (classifiers, forecasters).
std::vector<std::string> defaultMetricColumns(const std::vector<tb::engine::RunSummary>& runs);

/// `2.31 s`, `26.3 s`, `412 s`: three significant digits up to an hour's worth.
std::string secondsText(double seconds);

/// `1.00x`, `12.5x`: how many times the fastest's time.
std::string timesText(double times);

/// Run `run`'s typical epoch in `speed`: `2.31 s`, `9.40 s (its one epoch)`, `-` untimed.
std::string typicalEpochText(const tb::engine::ComparedSpeed& speed, std::size_t run);

/// The share of run `run`'s typical epoch spent waiting for data: `38%`, `-` untimed.
std::string dataWaitText(const tb::engine::ComparedSpeed& speed, std::size_t run);

} // namespace tb::cli
