// One RunStore connection with its caches, shared by the files that implement RunStore
// (internal to engine/store).
#pragma once

#include "engine/store/RunStore.h"
#include "engine/store/SqlDatabase.h"
#include "engine/store/SqlTransaction.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace tb::engine {

/// "Now" as the store writes times: UTC ISO-8601 to the second (`2026-11-23T09:15:02Z`).
std::string utcNow();

/// The database of a RunStore and what it remembers about it.
struct StoreConnection {
    StoreConnection(sql::Database db, bool readOnly)
        : m_db(std::move(db))
        , m_readOnly(readOnly) {}
    /// A writable connection copies its commits from the write-ahead log into the database
    /// file first, so that the file alone holds every run (see the definition).
    ~StoreConnection();
    StoreConnection(const StoreConnection&) = delete;
    StoreConnection& operator=(const StoreConnection&) = delete;

    /// Throws when the store was opened read-only.
    void requireWritable() const;
    /// Throws unless the run exists; remembers runs already seen.
    void requireRun(std::int64_t runId);
    /// The id of a run's metric series, created on first use. Cached: a metric step
    /// costs no lookup.
    std::int64_t seriesId(std::int64_t runId, const std::string& name);
    /// The id of an existing series, looked up in the database.
    std::optional<std::int64_t> findSeries(std::int64_t runId, const std::string& name);
    /// The point with the highest step of any of a run's series; step 0 without metrics.
    MetricPoint lastPoint(std::int64_t runId);
    /// Drops what the caches know about a run.
    void forget(std::int64_t runId);

    /// Runs `body` in one write transaction. On failure the caches are dropped (they may
    /// name rows the rollback removed) and the error propagates.
    template <typename Body> void write(Body&& body) {
        requireWritable();
        try {
            sql::Transaction transaction(m_db);
            body();
            transaction.commit();
        } catch (...) {
            m_seriesIds.clear();
            m_knownRuns.clear();
            throw;
        }
    }

    sql::Database m_db;
    bool m_readOnly;
    std::unordered_map<std::int64_t, std::unordered_map<std::string, std::int64_t>> m_seriesIds;
    std::unordered_set<std::int64_t> m_knownRuns;
};

struct RunStore::Impl : StoreConnection {
    using StoreConnection::StoreConnection;
};

} // namespace tb::engine
