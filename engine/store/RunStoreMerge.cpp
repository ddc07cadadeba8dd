// RunStore::mergeFrom: copying another workspace's runs into this one.
#include "engine/store/ArtifactPaths.h"
#include "engine/store/MergeSource.h"
#include "engine/store/RunStore.h"
#include "engine/store/StoreConnection.h"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <optional>

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

struct LocalRun {
    std::int64_t id = 0;
    RunStatus status = RunStatus::Created;
    std::int64_t pid = 0;
    bool asInSource = true; ///< same status, end and config as the source's run now
};

/// Copies runs with all their rows under new ids, or over a stale copy. Its statements name
/// the attached file, so they live only as long as one merge. The paths of the runs' files,
/// stored relative to the other workspace's folder, are stored again for this one's.
class RunCopier {
public:
    /// `sourcePath`: the other workspace's file (not an upgraded copy of it).
    RunCopier(sql::Database& db, std::string sourcePath)
        : m_db(db)
        , m_sourcePath(std::move(sourcePath)) {}

    /// The run of this workspace that `sourceRunId` is, if any: its id, status and process
    /// (0 for runs that were merged in, which carry no process).
    std::optional<LocalRun> findHere(std::int64_t sourceRunId) {
        m_findHere.bind(1, sourceRunId);
        std::optional<LocalRun> found;
        if (m_findHere.step())
            found = LocalRun{m_findHere.int64(0), runStatusFromString(m_findHere.text(1)),
                             m_findHere.int64(2), m_findHere.int64(3) != 0};
        m_findHere.reset();
        return found;
    }

    void copy(std::int64_t sourceRunId) {
        m_copyRun.bind(1, sourceRunId).execute();
        copyRows(m_db.lastInsertId(), sourceRunId);
    }

    /// Replaces the copy `localRunId` with the source's run as it is now, keeping the id and
    /// the notes, tags and star given to the copy here.
    void refresh(std::int64_t localRunId, std::int64_t sourceRunId) {
        m_refreshRun.bind(1, localRunId).bind(2, sourceRunId).execute();
        for (sql::Statement* rows : {&m_dropSeries, &m_dropSamples, &m_dropLogs, &m_dropArtifacts})
            rows->bind(1, localRunId).execute();
        copyRows(localRunId, sourceRunId);
    }

private:
    void copyRows(std::int64_t runId, std::int64_t sourceRunId) {
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
        for (sql::Statement* rows : {&m_copySamples, &m_copyLogs}) {
            rows->bind(1, runId).bind(2, sourceRunId).execute();
        }
        copyArtifacts(runId, sourceRunId);
    }

    void copyArtifacts(std::int64_t runId, std::int64_t sourceRunId) {
        m_listArtifacts.bind(1, sourceRunId);
        while (m_listArtifacts.step()) {
            const std::string file = resolvedArtifactPath(m_listArtifacts.text(1), m_sourcePath);
            m_addArtifact.bind(1, runId)
                .bind(2, m_listArtifacts.text(0))
                .bind(3, storedArtifactPath(file, m_db.path()))
                .bind(4, m_listArtifacts.int64(2))
                .bind(5, m_listArtifacts.int64(3))
                .bind(6, m_listArtifacts.text(4))
                .execute();
        }
        m_listArtifacts.reset();
    }

    sql::Database& m_db;
    std::string m_sourcePath;
    // A run is known by its name, host and creation time, to the millisecond since runs record
    // it (a continued run's config may have more epochs than the copy's); runs of earlier
    // versions, stamped to the second, by their config too.
    sql::Statement m_findHere{
        m_db.handle(),
        "SELECT m.id, m.status, m.pid, m.status = s.status AND m.finished_at = s.finished_at"
        " AND m.config_hash = s.config_hash FROM main.runs m JOIN source.runs s"
        " ON m.name = s.name AND m.host = s.host AND m.created_at = s.created_at"
        " AND (m.config_hash = s.config_hash OR length(s.created_at) > 20)"
        " WHERE s.id = ?1 ORDER BY m.id LIMIT 1"};
    sql::Statement m_refreshRun{
        m_db.handle(),
        "UPDATE main.runs SET (status, status_reason, started_at, finished_at, device,"
        " device_name, torch_version, threads, config_yaml, config_hash, run_seconds,"
        " resumed_at) = (SELECT status, status_reason, started_at, finished_at, device,"
        " device_name, torch_version, threads, config_yaml, config_hash, run_seconds,"
        " resumed_at FROM source.runs WHERE id = ?2)"
        " WHERE id = ?1"};
    sql::Statement m_dropSeries{m_db.handle(), "DELETE FROM main.metric_series WHERE run_id = ?1"};
    sql::Statement m_dropSamples{m_db.handle(),
                                 "DELETE FROM main.device_samples WHERE run_id = ?1"};
    sql::Statement m_dropLogs{m_db.handle(), "DELETE FROM main.logs WHERE run_id = ?1"};
    sql::Statement m_dropArtifacts{m_db.handle(), "DELETE FROM main.artifacts WHERE run_id = ?1"};
    sql::Statement m_copyRun{
        m_db.handle(),
        "INSERT INTO main.runs (name, status, status_reason, created_at, started_at,"
        " finished_at, device, config_yaml, config_hash, seed, torch_version, threads, host,"
        " notes, tags, starred, device_name, run_seconds, resumed_at)"
        " SELECT name, status, status_reason, created_at, started_at, finished_at, device,"
        " config_yaml, config_hash, seed, torch_version, threads, host, notes, tags, starred,"
        " device_name, run_seconds, resumed_at FROM source.runs WHERE id = ?1"};
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
    sql::Statement m_listArtifacts{
        m_db.handle(), "SELECT kind, path, epoch, step, created_at FROM source.artifacts"
                       " WHERE run_id = ?1 ORDER BY id"};
    sql::Statement m_addArtifact{
        m_db.handle(), "INSERT INTO main.artifacts (run_id, kind, path, epoch, step, created_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"};
};

/// The other file, checked and at this schema; messages say that merging failed.
MergeSource mergeSource(const std::string& otherPath, const std::string& ownPath) {
    std::error_code error;
    if (std::filesystem::equivalent(otherPath, ownPath, error)) {
        throw StoreError("cannot merge " + otherPath + " into itself; choose another file");
    }
    try {
        return MergeSource(otherPath);
    } catch (const StoreError& openError) {
        throw StoreError(std::string("cannot merge: ") + openError.what());
    }
}

} // namespace

MergeCounts RunStore::mergeFrom(const std::string& otherPath) {
    m_impl->requireWritable();
    const MergeSource other = mergeSource(otherPath, path());
    sql::Database& db = m_impl->m_db;
    AttachedSource source(db, other.path());
    MergeCounts counts;
    std::vector<std::int64_t> refreshed;
    m_impl->write([&] {
        std::vector<std::int64_t> runIds;
        sql::Statement list(db.handle(), "SELECT id FROM source.runs ORDER BY id");
        while (list.step()) {
            runIds.push_back(list.int64(0));
        }
        RunCopier copier(db, otherPath);
        for (const std::int64_t runId : runIds) {
            const std::optional<LocalRun> here = copier.findHere(runId);
            if (!here) {
                copier.copy(runId);
                ++counts.added;
            } else if (here->pid == 0 && (!hasEnded(here->status) || !here->asInSource)) {
                // A copy of a run still going, or one that went on since (continued).
                copier.refresh(here->id, runId);
                refreshed.push_back(here->id);
                ++counts.updated;
            } else {
                ++counts.alreadyHere;
            }
        }
    });
    for (const std::int64_t runId : refreshed)
        m_impl->forget(runId); // its series ids are new
    return counts;
}

} // namespace tb::engine
