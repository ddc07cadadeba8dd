#include "engine/store/MetricChunks.h"

#include "engine/store/RunStore.h"
#include "engine/store/SqlDatabase.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>

namespace tb::engine {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "metric chunks are stored little-endian; add byte swapping for this platform");

namespace {

constexpr const char* kChunkAtOrBeforeSql =
    "SELECT first_step, points FROM metric_chunks"
    " WHERE series_id = ?1 AND first_step <= ?2 ORDER BY first_step DESC LIMIT 1";
constexpr const char* kNextChunkSql =
    "SELECT first_step FROM metric_chunks"
    " WHERE series_id = ?1 AND first_step > ?2 ORDER BY first_step LIMIT 1";
constexpr const char* kPutChunkSql =
    "INSERT OR REPLACE INTO metric_chunks"
    " (series_id, first_step, last_step, point_count, last_value, points)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

template <typename T> void put(char*& out, T value) {
    std::memcpy(out, &value, sizeof value);
    out += sizeof value;
}

template <typename T> T take(const char*& in) {
    T value;
    std::memcpy(&value, in, sizeof value);
    in += sizeof value;
    return value;
}

void encodePoints(const MetricPoint* points, std::size_t count, std::string& blob) {
    blob.resize(count * kPointBytes);
    char* out = blob.data();
    for (std::size_t i = 0; i < count; ++i) {
        put(out, points[i].step);
        put(out, points[i].epoch);
        put(out, points[i].wallTimeS);
        put(out, points[i].value);
    }
}

[[noreturn]] void throwDamaged(const sql::Database& db, std::int64_t seriesId,
                               std::int64_t firstStep) {
    throw StoreError(db.path() + ": the metric data of series " + std::to_string(seriesId) +
                     " from step " + std::to_string(firstStep) +
                     " is damaged (was the file edited outside Trainbench?); delete the run or "
                     "restore the file from a backup");
}

/// Sorts by step and keeps the last of several points at one step.
void sortUnique(std::vector<MetricPoint>& points) {
    std::stable_sort(points.begin(), points.end(),
                     [](const MetricPoint& a, const MetricPoint& b) { return a.step < b.step; });
    auto kept = points.begin();
    for (auto it = points.begin(); it != points.end(); ++it) {
        if (kept != points.begin() && std::prev(kept)->step == it->step) {
            *std::prev(kept) = *it;
        } else {
            *kept++ = *it;
        }
    }
    points.erase(kept, points.end());
}

/// `stored` and `added` (both sorted, unique) as one sorted list; `added` wins on a tie.
std::vector<MetricPoint> mergePoints(const std::vector<MetricPoint>& stored,
                                     const MetricPoint* added, std::size_t addedCount) {
    std::vector<MetricPoint> merged;
    merged.reserve(stored.size() + addedCount);
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < stored.size() || j < addedCount) {
        if (j == addedCount || (i < stored.size() && stored[i].step < added[j].step)) {
            merged.push_back(stored[i++]);
        } else {
            if (i < stored.size() && stored[i].step == added[j].step) {
                ++i;
            }
            merged.push_back(added[j++]);
        }
    }
    return merged;
}

/// Writes sorted points as full chunks and one partial chunk at the end.
void putChunks(sql::Database& db, std::int64_t seriesId, const MetricPoint* points,
               std::size_t count) {
    sql::StatementRef put = db.cached(kPutChunkSql);
    std::string blob;
    for (std::size_t first = 0; first < count; first += kChunkPoints) {
        const std::size_t size = std::min(kChunkPoints, count - first);
        const MetricPoint& last = points[first + size - 1];
        encodePoints(points + first, size, blob);
        put->bind(1, seriesId)
            .bind(2, points[first].step)
            .bind(3, last.step)
            .bind(4, static_cast<std::int64_t>(size))
            .bind(5, last.value)
            .bindBlob(6, blob.data(), blob.size())
            .execute();
    }
}

/// The chunk a point at `step` belongs in: the last one starting at or before it.
struct HostChunk {
    std::int64_t firstStep = 0;
    std::vector<MetricPoint> points;
};

std::optional<HostChunk> hostChunk(sql::Database& db, std::int64_t seriesId, std::int64_t step) {
    sql::StatementRef query = db.cached(kChunkAtOrBeforeSql);
    query->bind(1, seriesId).bind(2, step);
    if (!query->step()) {
        return std::nullopt;
    }
    HostChunk host;
    host.firstStep = query->int64(0);
    host.points.reserve(kChunkPoints);
    if (!decodePoints(query->blob(1), host.points) || host.points.empty()) {
        throwDamaged(db, seriesId, host.firstStep);
    }
    return host;
}

std::optional<std::int64_t> nextChunkStart(sql::Database& db, std::int64_t seriesId,
                                           std::int64_t step) {
    sql::StatementRef query = db.cached(kNextChunkSql);
    query->bind(1, seriesId).bind(2, step);
    if (!query->step()) {
        return std::nullopt;
    }
    return query->int64(0);
}

} // namespace

bool decodePoints(std::string_view blob, std::vector<MetricPoint>& out) {
    if (blob.size() % kPointBytes != 0) {
        return false;
    }
    const std::size_t count = blob.size() / kPointBytes;
    const std::size_t start = out.size();
    out.resize(start + count);
    const char* in = blob.data();
    for (std::size_t i = start; i < start + count; ++i) {
        out[i].step = take<std::int64_t>(in);
        out[i].epoch = take<std::int64_t>(in);
        out[i].wallTimeS = take<double>(in);
        out[i].value = take<double>(in);
    }
    return true;
}

void storeSeriesPoints(sql::Database& db, std::int64_t seriesId, std::vector<MetricPoint>& points) {
    sortUnique(points);
    // Each round takes the points that fall into one existing chunk (or before the first)
    // and rewrites only that chunk. Appending, the usual case, is one round.
    std::size_t begin = 0;
    while (begin < points.size()) {
        std::optional<HostChunk> host = hostChunk(db, seriesId, points[begin].step);
        const std::optional<std::int64_t> next = nextChunkStart(db, seriesId, points[begin].step);
        const auto end = next ? std::lower_bound(points.begin() + begin, points.end(), *next,
                                                 [](const MetricPoint& p, std::int64_t step) {
                                                     return p.step < step;
                                                 })
                              : points.end();
        const MetricPoint* added = points.data() + begin;
        const auto addedCount = static_cast<std::size_t>(end - (points.begin() + begin));
        // A full chunk that only gets points after its end stays as it is.
        if (host && host->points.size() >= kChunkPoints && added->step > host->points.back().step) {
            host.reset();
        }
        if (host) {
            const std::vector<MetricPoint> merged = mergePoints(host->points, added, addedCount);
            putChunks(db, seriesId, merged.data(), merged.size());
        } else {
            putChunks(db, seriesId, added, addedCount);
        }
        begin += addedCount;
    }
}

bool truncateSeries(sql::Database& db, std::int64_t seriesId, std::int64_t lastStep) {
    sql::StatementRef drop =
        db.cached("DELETE FROM metric_chunks WHERE series_id = ?1 AND first_step > ?2");
    drop->bind(1, seriesId).bind(2, lastStep).execute();
    std::optional<HostChunk> host = hostChunk(db, seriesId, lastStep);
    if (!host)
        return false;
    const auto kept =
        std::upper_bound(host->points.begin(), host->points.end(), lastStep,
                         [](std::int64_t step, const MetricPoint& p) { return step < p.step; });
    if (kept != host->points.end())
        putChunks(db, seriesId, host->points.data(),
                  static_cast<std::size_t>(kept - host->points.begin()));
    // The series' own latest point (what run lists show) only ever moves forward by itself.
    sql::StatementRef latest = db.cached(
        "UPDATE metric_series SET (last_step, last_value) = (SELECT last_step, last_value"
        " FROM metric_chunks WHERE series_id = ?1 ORDER BY last_step DESC LIMIT 1) WHERE id = ?1");
    latest->bind(1, seriesId).execute();
    return true;
}

std::map<std::int64_t, std::vector<MetricPoint>> readSeriesOfEveryRun(sql::Database& db,
                                                                      const std::string& name) {
    std::map<std::int64_t, std::vector<MetricPoint>> series;
    sql::StatementRef chunks =
        db.cached("SELECT s.run_id, s.id, c.first_step, c.points FROM metric_series s"
                  " JOIN metric_chunks c ON c.series_id = s.id WHERE s.name = ?1"
                  " ORDER BY s.run_id, c.first_step");
    chunks->bind(1, name);
    while (chunks->step()) {
        if (!decodePoints(chunks->blob(3), series[chunks->int64(0)]))
            throwDamaged(db, chunks->int64(1), chunks->int64(2));
    }
    return series;
}

void readSeriesPoints(sql::Database& db, std::int64_t seriesId, std::int64_t fromStep,
                      std::int64_t toStep, std::vector<MetricPoint>& out) {
    // The chunk holding fromStep may start before it.
    std::int64_t firstChunk = fromStep;
    {
        sql::StatementRef query = db.cached(
            "SELECT first_step FROM metric_chunks"
            " WHERE series_id = ?1 AND first_step <= ?2 ORDER BY first_step DESC LIMIT 1");
        query->bind(1, seriesId).bind(2, fromStep);
        if (query->step()) {
            firstChunk = query->int64(0);
        }
    }
    {
        // length() reads a BLOB's size from the record header, not its pages; the size (not
        // point_count) is what will be decoded.
        sql::StatementRef bytes =
            db.cached("SELECT coalesce(sum(length(points)), 0) FROM metric_chunks"
                      " WHERE series_id = ?1 AND first_step BETWEEN ?2 AND ?3");
        bytes->bind(1, seriesId).bind(2, firstChunk).bind(3, toStep);
        if (bytes->step()) {
            out.reserve(out.size() + static_cast<std::size_t>(bytes->int64(0)) / kPointBytes);
        }
    }
    sql::StatementRef chunks =
        db.cached("SELECT first_step, points FROM metric_chunks"
                  " WHERE series_id = ?1 AND first_step BETWEEN ?2 AND ?3 ORDER BY first_step");
    chunks->bind(1, seriesId).bind(2, firstChunk).bind(3, toStep);
    while (chunks->step()) {
        const auto start = static_cast<std::ptrdiff_t>(out.size());
        if (!decodePoints(chunks->blob(1), out)) {
            throwDamaged(db, seriesId, chunks->int64(0));
        }
        // Only the first and the last chunk reach outside the range.
        out.erase(out.begin() + start,
                  std::lower_bound(
                      out.begin() + start, out.end(), fromStep,
                      [](const MetricPoint& p, std::int64_t step) { return p.step < step; }));
        out.erase(
            std::upper_bound(out.begin() + start, out.end(), toStep,
                             [](std::int64_t step, const MetricPoint& p) { return step < p.step; }),
            out.end());
    }
}

} // namespace tb::engine
