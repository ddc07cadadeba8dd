#include "engine/store/RunStore.h"

#include "engine/store/ArtifactPaths.h"
#include "engine/store/MetricChunks.h"
#include "engine/store/Migrations.h"
#include "engine/store/StoreConnection.h"
#include "engine/store/StoreFile.h"
#include "engine/util/Trimmed.h"

#include <algorithm>
#include <sstream>

namespace tb::engine {

RunStore RunStore::open(const std::string& path, Mode mode) {
    RunStore store(std::make_unique<Impl>(openStoreFile(path, mode), mode == Mode::ReadOnly));
    if (mode == Mode::ReadWrite)
        store.failAbandonedRuns();
    return store;
}

RunStore RunStore::openForReading(const std::string& path) {
    // Only a store is upgraded: reading must not turn a wrong path, an empty file or an empty
    // database into a new store.
    if (markedStoreSchema(path)) {
        try {
            open(path, Mode::ReadWrite);
        } catch (const StoreError&) {
            // Reported by the read-only open below when it matters for reading.
        }
    }
    return open(path, Mode::ReadOnly);
}

RunStore RunStore::openInMemory() {
    return RunStore(std::make_unique<Impl>(openMemoryStore(), false));
}

RunStore::RunStore(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl)) {}
RunStore::RunStore(RunStore&&) noexcept = default;
RunStore& RunStore::operator=(RunStore&&) noexcept = default;
RunStore::~RunStore() = default;

int RunStore::schemaVersion() const {
    return static_cast<int>(m_impl->m_db.queryInt("PRAGMA user_version"));
}

int RunStore::latestSchemaVersion() {
    return static_cast<int>(schemaMigrations().size());
}

const std::string& RunStore::path() const {
    return m_impl->m_db.path();
}

namespace {

std::string normalizedTags(const std::string& tags) {
    std::vector<std::string> kept;
    std::istringstream in(tags);
    for (std::string tag; std::getline(in, tag, ',');) {
        tag = trimmed(tag);
        if (!tag.empty() && std::find(kept.begin(), kept.end(), tag) == kept.end())
            kept.push_back(tag);
    }
    std::string joined;
    for (const std::string& tag : kept)
        joined += (joined.empty() ? "" : ",") + tag;
    return joined;
}

} // namespace

std::int64_t RunStore::createRun(const RunRecord& run) {
    std::int64_t id = 0;
    m_impl->write([&] {
        sql::StatementRef insert = m_impl->m_db.cached(
            "INSERT INTO runs (name, status, status_reason, created_at, started_at,"
            " finished_at, device, config_yaml, config_hash, seed, torch_version, threads,"
            " host, notes, tags, starred, pid, device_name, run_seconds)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
            " ?17, ?18, ?19)");
        insert->bind(1, run.name)
            .bind(2, toString(run.status))
            .bind(3, run.statusReason)
            .bind(4, run.createdAt.empty() ? utcNow() : run.createdAt)
            .bind(5, run.startedAt)
            .bind(6, run.finishedAt)
            .bind(7, run.device)
            .bind(8, run.configYaml)
            .bind(9, run.configHash)
            .bind(10, run.seed)
            .bind(11, run.torchVersion)
            .bind(12, run.threads)
            .bind(13, run.host)
            .bind(14, run.notes)
            .bind(15, normalizedTags(run.tags))
            .bind(16, run.starred ? 1 : 0)
            .bind(17, run.pid)
            .bind(18, run.deviceName)
            .bind(19, run.runSeconds)
            .execute();
        id = m_impl->m_db.lastInsertId();
    });
    m_impl->m_knownRuns.insert(id);
    return id;
}

void RunStore::setRunStatus(std::int64_t runId, RunStatus status, const std::string& reason) {
    const bool ended = hasEnded(status);
    m_impl->write([&] {
        m_impl->requireRun(runId);
        // The first move to running stamps started_at, the first end stamps finished_at.
        sql::StatementRef update = m_impl->m_db.cached(
            "UPDATE runs SET status = ?2, status_reason = ?3,"
            " started_at = CASE WHEN ?4 AND started_at = '' THEN ?6 ELSE started_at END,"
            " finished_at = CASE WHEN ?5 AND finished_at = '' THEN ?6 ELSE finished_at END"
            " WHERE id = ?1");
        update->bind(1, runId)
            .bind(2, toString(status))
            .bind(3, reason)
            .bind(4, status == RunStatus::Running ? 1 : 0)
            .bind(5, ended ? 1 : 0)
            .bind(6, utcNow())
            .execute();
    });
}

void RunStore::setRunNotes(std::int64_t runId, const std::string& notes, const std::string& tags,
                           bool starred) {
    m_impl->write([&] {
        m_impl->requireRun(runId);
        sql::StatementRef update = m_impl->m_db.cached(
            "UPDATE runs SET notes = ?2, tags = ?3, starred = ?4 WHERE id = ?1");
        update->bind(1, runId)
            .bind(2, notes)
            .bind(3, normalizedTags(tags))
            .bind(4, starred ? 1 : 0)
            .execute();
    });
}

void RunStore::deleteRun(std::int64_t runId) {
    m_impl->write([&] {
        // ON DELETE CASCADE removes the run's series, points, samples, logs and artifacts.
        sql::StatementRef remove = m_impl->m_db.cached("DELETE FROM runs WHERE id = ?1");
        remove->bind(1, runId).execute();
    });
    m_impl->forget(runId);
}

void RunStore::appendMetrics(std::int64_t runId, const std::string& name,
                             const std::vector<MetricPoint>& points) {
    m_impl->write([&] {
        std::vector<MetricPoint> sorted = points;
        storeSeriesPoints(m_impl->m_db, m_impl->seriesId(runId, name), sorted);
    });
}

void RunStore::addArtifact(const ArtifactRecord& artifact) {
    m_impl->write([&] {
        m_impl->requireRun(artifact.runId);
        sql::StatementRef insert = m_impl->m_db.cached(
            "INSERT INTO artifacts (run_id, kind, path, epoch, step, created_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insert->bind(1, artifact.runId)
            .bind(2, artifact.kind)
            .bind(3, storedArtifactPath(artifact.path, path()))
            .bind(4, artifact.epoch)
            .bind(5, artifact.step)
            .bind(6, artifact.createdAt.empty() ? utcNow() : artifact.createdAt)
            .execute();
    });
}

} // namespace tb::engine
