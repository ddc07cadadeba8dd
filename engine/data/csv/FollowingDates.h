// The timestamps of the rows that would follow a series: the dates of a forecast.
#pragma once

#include "engine/data/csv/DateTime.h"

#include <cstdint>
#include <vector>

namespace tb::engine {

/// `count` timestamps after the last of `history` (increasing, at least two), spaced as the
/// rows of `history` mostly are: by their most common step; by calendar months when every
/// step is one to three months long (month-end stays month-end); and skipping Saturdays and
/// Sundays when the step is a day and no row of `history` falls on a weekend (business days).
/// Throws DataError when `history` has fewer than two dates.
///
/// Example: hourly rows ending 2018-06-26 19:00 give 20:00, 21:00, ... for `count` rows.
std::vector<DateTime> followingDates(const std::vector<DateTime>& history, std::int64_t count);

} // namespace tb::engine
