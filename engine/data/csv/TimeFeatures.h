// Calendar features of each row, as the forecasting models' time-mark inputs.
#pragma once

#include "engine/data/csv/DateTime.h"

#include <string>
#include <torch/types.h>
#include <vector>

namespace tb::engine {

/// The frequencies data.freq accepts, as in Time-Series-Library: s (secondly), t (minutely),
/// h (hourly), d (daily), b (business days), w (weekly), m (monthly).
const std::vector<std::string>& timeFeatureFrequencies();

/// How many features timeFeatures() gives at `freq` (h: 4); throws DataError for an unknown
/// frequency.
std::int64_t timeFeatureCount(const std::string& freq);

/// Time-Series-Library's `timeF` encoding: per row, the calendar fields that vary at `freq`
/// scaled to [-0.5, 0.5] (h: hour of day, day of week, day of month, day of year; t adds
/// minute of hour first; w: day of month, ISO week; m: month of year). Float [rows, count].
torch::Tensor timeFeatures(const std::vector<DateTime>& dates, const std::string& freq);

} // namespace tb::engine
