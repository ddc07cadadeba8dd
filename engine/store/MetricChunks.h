// Metric points packed in chunks, one SQLite row per chunk (internal to engine/store).
#pragma once

#include "engine/store/RunRecord.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

namespace tb::engine {

namespace sql {
class Database;
}

/// A row of `metric_chunks` holds up to this many consecutive points of one series. One row
/// per point costs SQLite ~300 ns a row to write or read back, which is too slow for
/// million-step curves; a chunk is read with one memcpy-like decode. Small enough that
/// appending a few points to the open chunk each batch rewrites little.
constexpr std::size_t kChunkPoints = 512;

/// Bytes of one point in a chunk's BLOB: step (int64), epoch (int64), wall time (float64),
/// value (float64), little-endian.
constexpr std::size_t kPointBytes = 32;

/// Adds `points` to one series. Sorts `points` by step; of several points at one step the
/// last one wins, and it replaces a stored point at that step.
void storeSeriesPoints(sql::Database& db, std::int64_t seriesId, std::vector<MetricPoint>& points);

/// Drops the series' points after `lastStep`; true when points remain.
bool truncateSeries(sql::Database& db, std::int64_t seriesId, std::int64_t lastStep);

/// Every point of the series called `name` of every run, by run id and step: one read, for
/// views that summarise a whole workspace.
std::map<std::int64_t, std::vector<MetricPoint>> readSeriesOfEveryRun(sql::Database& db,
                                                                      const std::string& name);

/// Appends the series' points with fromStep <= step <= toStep to `out`, by step.
void readSeriesPoints(sql::Database& db, std::int64_t seriesId, std::int64_t fromStep,
                      std::int64_t toStep, std::vector<MetricPoint>& out);

/// The points of a chunk BLOB appended to `out`; false (and nothing appended) when the BLOB
/// is damaged.
bool decodePoints(std::string_view blob, std::vector<MetricPoint>& out);

} // namespace tb::engine
