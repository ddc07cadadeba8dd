// RunStore::mergeFrom: copying another workspace's runs into this one.
#include "engine/store/RunStore.h"
#include "engine/store/StoreConnection.h"

#include <cctype>
#include <cstdio>
#include <filesystem>

namespace tb::engine {

namespace {

/// `file:` URI of `path` with `mode=ro`, so ATTACH can never write to the other file.
std::string readOnlyUri(const std::string& path) {
    std::string uri = "file:";
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '/' || c == '.' || c == '-' || c == '_' || c == '~') {
            uri += c;
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", byte);
            uri += escaped;
        }
    }
    return uri + "?mode=ro";
}

/// Attaches the other file as `source` for its lifetime.
class AttachedSource {
public:
    AttachedSource(sql::Database& db, const std::string& path)
        : m_db(db) {
        sql::Statement attach(db.handle(), "ATTACH DATABASE ?1 AS source");
        attach.bind(1, readOnlyUri(path)).execute();
    }
    ~AttachedSource() {
        try {
            m_db.exec("DETACH DATABASE source");
        } catch (const StoreError&) {
            // Only fails while statements on it are active; closing the connection detaches.
        }
    }

    AttachedSource(const AttachedSource&) = delete;
    AttachedSource& operator=(const AttachedSource&) = delete;

private:
    sql::Database& m_db;
};

/// Copies runs with all their rows under new ids. Its statements name the attached file,
/// so they live only as long as one merge.
class RunCopier {
public:
    explicit RunCopier(sql::Database& db)
        : m_db(db) {}

    void copy(std::int64_t sourceRunId) {
        m_copyRun.bind(1, sourceRunId).execute();
        const std::int64_t runId = m_db.lastInsertId();
        std::vector<std::pair<std::int64_t, std::string>> series;
        m_listSeries.bind(1, sourceRunId);
        while (m_listSeries.step()) {
            series.emplace_back(m_listSeries.int64(0), m_listSeries.text(1));
        }
        m_listSeries.reset();
        for (const auto& [sourceSeriesId, name] : series) {
            m_addSeries.bind(1, runId).bind(2, name).execute();
            m_copyChunks.bind(1, m_db.lastInsertId()).bind(2, sourceSeriesId).execute();
        }
        for (sql::Statement* rows : {&m_copySamples, &m_copyLogs, &m_copyArtifacts}) {
            rows->bind(1, runId).bind(2, sourceRunId).execute();
        }
    }

private:
    sql::Database& m_db;
    sql::Statement m_copyRun{
        m_db.handle(),
        "INSERT INTO main.runs (name, status, status_reason, created_at, started_at,"
        " finished_at, device, config_yaml, config_hash, seed, torch_version, threads, host,"
        " notes, tags, starred)"
        " SELECT name, status, status_reason, created_at, started_at, finished_at, device,"
        " config_yaml, config_hash, seed, torch_version, threads, host, notes, tags, starred"
        " FROM source.runs WHERE id = ?1"};
    sql::Statement m_listSeries{
        m_db.handle(), "SELECT id, name FROM source.metric_series WHERE run_id = ?1 ORDER BY id"};
    sql::Statement m_addSeries{m_db.handle(),
                               "INSERT INTO main.metric_series (run_id, name) VALUES (?1, ?2)"};
    sql::Statement m_copyChunks{
        m_db.handle(), "INSERT INTO main.metric_chunks"
                       " (series_id, first_step, last_step, point_count, last_value, points)"
                       " SELECT ?1, first_step, last_step, point_count, last_value, points"
                       " FROM source.metric_chunks WHERE series_id = ?2"};
    sql::Statement m_copySamples{
        m_db.handle(),
        "INSERT INTO main.device_samples (run_id, device, wall_time, utilization_pct,"
        " memory_used_bytes, memory_total_bytes, power_w, temperature_c, allocated_bytes,"
        " reserved_bytes, peak_bytes, clock_mhz)"
        " SELECT ?1, device, wall_time, utilization_pct, memory_used_bytes,"
        " memory_total_bytes, power_w, temperature_c, allocated_bytes, reserved_bytes,"
        " peak_bytes, clock_mhz FROM source.device_samples WHERE run_id = ?2 ORDER BY id"};
    sql::Statement m_copyLogs{
        m_db.handle(), "INSERT INTO main.logs (run_id, level, wall_time, text)"
                       " SELECT ?1, level, wall_time, text FROM source.logs WHERE run_id = ?2"
                       " ORDER BY id"};
    sql::Statement m_copyArtifacts{
        m_db.handle(), "INSERT INTO main.artifacts (run_id, kind, path, epoch, step, created_at)"
                       " SELECT ?1, kind, path, epoch, step, created_at FROM source.artifacts"
                       " WHERE run_id = ?2 ORDER BY id"};
};

void checkMergeSource(const std::string& otherPath, const std::string& ownPath) {
    std::error_code error;
    if (std::filesystem::equivalent(otherPath, ownPath, error)) {
        throw StoreError("cannot merge " + otherPath + " into itself; choose another file");
    }
    try {
        // The same checks as opening it: exists, is SQLite, is a Trainbench store, schema.
        RunStore::open(otherPath, RunStore::Mode::ReadOnly);
    } catch (const StoreError& openError) {
        throw StoreError(std::string("cannot merge: ") + openError.what());
    }
}

} // namespace

int RunStore::mergeFrom(const std::string& otherPath) {
    m_impl->requireWritable();
    checkMergeSource(otherPath, path());
    sql::Database& db = m_impl->m_db;
    AttachedSource source(db, otherPath);
    int copied = 0;
    m_impl->write([&] {
        std::vector<std::int64_t> runIds;
        sql::Statement list(db.handle(), "SELECT id FROM source.runs ORDER BY id");
        while (list.step()) {
            runIds.push_back(list.int64(0));
        }
        RunCopier copier(db);
        for (const std::int64_t runId : runIds) {
            copier.copy(runId);
        }
        copied = static_cast<int>(runIds.size());
    });
    return copied;
}

} // namespace tb::engine
