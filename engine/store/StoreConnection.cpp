#include "engine/store/StoreConnection.h"

#include "engine/store/MetricChunks.h"

#include <ctime>
#include <sqlite3.h>

namespace tb::engine {

std::string utcNow() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

StoreConnection::~StoreConnection() {
    if (m_readOnly)
        return;
    // Only the last connection to close folds the log into the file, and that is usually a
    // reader (the app watching a CLI run, `runs list`), which cannot: the finished run would
    // then live in the -wal file alone, and copying the workspace file to another machine
    // would leave it behind. Best effort and without waiting: a reader in the middle of a
    // query keeps what it reads in the log, and the next writer folds it in.
    sqlite3_busy_timeout(m_db.handle(), 0);
    sqlite3_wal_checkpoint_v2(m_db.handle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
}

void StoreConnection::requireWritable() const {
    if (m_readOnly) {
        throw StoreError(m_db.path() +
                         " is open read-only; writing needs a read-write RunStore::open");
    }
}

void StoreConnection::requireRun(std::int64_t runId) {
    if (m_knownRuns.count(runId) != 0) {
        return;
    }
    sql::StatementRef query = m_db.cached("SELECT 1 FROM runs WHERE id = ?1");
    query->bind(1, runId);
    if (!query->step()) {
        throw StoreError(m_db.path() + ": run " + std::to_string(runId) +
                         " does not exist (deleted, or never created with createRun)");
    }
    m_knownRuns.insert(runId);
}

std::int64_t StoreConnection::seriesId(std::int64_t runId, const std::string& name) {
    auto& ofRun = m_seriesIds[runId];
    if (const auto found = ofRun.find(name); found != ofRun.end()) {
        return found->second;
    }
    std::optional<std::int64_t> id = findSeries(runId, name);
    if (!id) {
        requireRun(runId);
        sql::StatementRef insert =
            m_db.cached("INSERT INTO metric_series (run_id, name) VALUES (?1, ?2)");
        insert->bind(1, runId).bind(2, name).execute();
        id = m_db.lastInsertId();
    }
    ofRun.emplace(name, *id);
    return *id;
}

std::optional<std::int64_t> StoreConnection::findSeries(std::int64_t runId,
                                                        const std::string& name) {
    sql::StatementRef query =
        m_db.cached("SELECT id FROM metric_series WHERE run_id = ?1 AND name = ?2");
    query->bind(1, runId).bind(2, name);
    if (!query->step()) {
        return std::nullopt;
    }
    return query->int64(0);
}

MetricPoint StoreConnection::lastPoint(std::int64_t runId) {
    sql::StatementRef query = m_db.cached(
        "SELECT c.points FROM metric_series s JOIN metric_chunks c ON c.series_id = s.id"
        " AND c.first_step = (SELECT max(first_step) FROM metric_chunks"
        " WHERE series_id = s.id)"
        " WHERE s.run_id = ?1 ORDER BY c.last_step DESC LIMIT 1");
    query->bind(1, runId);
    std::vector<MetricPoint> points;
    if (query->step() && decodePoints(query->blob(0), points) && !points.empty()) {
        return points.back();
    }
    return {};
}

void StoreConnection::forget(std::int64_t runId) {
    m_seriesIds.erase(runId);
    m_knownRuns.erase(runId);
}

} // namespace tb::engine
