// RunStore's reading side.
#include "engine/store/ArtifactPaths.h"
#include "engine/store/MetricChunks.h"
#include "engine/store/RunStore.h"
#include "engine/store/StoreConnection.h"

#include <unordered_map>

namespace tb::engine {

namespace {

const std::string kRunColumns =
    "id, name, status, status_reason, created_at, started_at, finished_at, device,"
    " config_yaml, config_hash, seed, torch_version, threads, host, notes, tags, starred,"
    " pid, device_name, run_seconds, resumed_at";

RunRecord readRun(const sql::Statement& row) {
    RunRecord run;
    run.id = row.int64(0);
    run.name = row.text(1);
    run.status = runStatusFromString(row.text(2));
    run.statusReason = row.text(3);
    run.createdAt = row.text(4);
    run.startedAt = row.text(5);
    run.finishedAt = row.text(6);
    run.device = row.text(7);
    run.configYaml = row.text(8);
    run.configHash = row.text(9);
    run.seed = row.int64(10);
    run.torchVersion = row.text(11);
    run.threads = row.int64(12);
    run.host = row.text(13);
    run.notes = row.text(14);
    run.tags = row.text(15);
    run.starred = row.int64(16) != 0;
    run.pid = row.int64(17);
    run.deviceName = row.text(18);
    run.runSeconds = row.real(19);
    run.resumedAt = row.text(20);
    return run;
}

const std::string kArtifactColumns = "id, kind, path, epoch, step, created_at";

/// A row of kArtifactColumns, its path made absolute.
ArtifactRecord readArtifact(const sql::Statement& row, std::int64_t runId,
                            const std::string& databasePath) {
    ArtifactRecord artifact;
    artifact.id = row.int64(0);
    artifact.runId = runId;
    artifact.kind = row.text(1);
    artifact.path = resolvedArtifactPath(row.text(2), databasePath);
    artifact.epoch = row.int64(3);
    artifact.step = row.int64(4);
    artifact.createdAt = row.text(5);
    return artifact;
}

/// The last value of every series that has points, with an optional condition. Columns:
/// run_id, name, value.
std::string finalMetricsSql(const char* condition) {
    return std::string("SELECT run_id, name, last_value FROM metric_series"
                       " WHERE last_step IS NOT NULL ") +
           condition + " ORDER BY run_id, name";
}

} // namespace

std::vector<RunSummary> RunStore::listRuns() const {
    // One snapshot, so a run and its final metrics agree while a writer commits.
    sql::Transaction snapshot(m_impl->m_db, sql::Transaction::Kind::Read);
    std::vector<RunSummary> runs;
    std::unordered_map<std::int64_t, std::size_t> indexOfRun;
    {
        static const std::string sql =
            "SELECT " + kRunColumns + " FROM runs ORDER BY created_at DESC, id DESC";
        sql::StatementRef query = m_impl->m_db.cached(sql);
        while (query->step()) {
            runs.push_back({readRun(*query), {}});
            indexOfRun.emplace(runs.back().run.id, runs.size() - 1);
        }
    }
    static const std::string finalsSql = finalMetricsSql("");
    sql::StatementRef finals = m_impl->m_db.cached(finalsSql);
    while (finals->step()) {
        if (const auto found = indexOfRun.find(finals->int64(0)); found != indexOfRun.end()) {
            runs[found->second].finalMetrics.push_back({finals->text(1), finals->real(2)});
        }
    }
    return runs;
}

std::optional<RunRecord> RunStore::run(std::int64_t runId) const {
    static const std::string sql = "SELECT " + kRunColumns + " FROM runs WHERE id = ?1";
    sql::StatementRef query = m_impl->m_db.cached(sql);
    query->bind(1, runId);
    if (!query->step()) {
        return std::nullopt;
    }
    return readRun(*query);
}

std::vector<std::string> RunStore::metricNames(std::int64_t runId) const {
    sql::StatementRef query =
        m_impl->m_db.cached("SELECT name FROM metric_series WHERE run_id = ?1 ORDER BY name");
    query->bind(1, runId);
    std::vector<std::string> names;
    while (query->step()) {
        names.push_back(query->text(0));
    }
    return names;
}

std::vector<MetricPoint> RunStore::metricSeries(std::int64_t runId, const std::string& name,
                                                std::int64_t fromStep, std::int64_t toStep) const {
    std::vector<MetricPoint> points;
    const std::optional<std::int64_t> seriesId = m_impl->findSeries(runId, name);
    if (!seriesId) {
        return points;
    }
    readSeriesPoints(m_impl->m_db, *seriesId, fromStep, toStep, points);
    return points;
}

std::map<std::int64_t, std::vector<MetricPoint>>
RunStore::metricSeriesOfEveryRun(const std::string& name) const {
    return readSeriesOfEveryRun(m_impl->m_db, name);
}

std::vector<MetricValue> RunStore::finalMetrics(std::int64_t runId) const {
    static const std::string sql = finalMetricsSql("AND run_id = ?1");
    sql::StatementRef query = m_impl->m_db.cached(sql);
    query->bind(1, runId);
    std::vector<MetricValue> values;
    while (query->step()) {
        values.push_back({query->text(1), query->real(2)});
    }
    return values;
}

std::vector<DeviceSample> RunStore::deviceSamples(std::int64_t runId) const {
    sql::StatementRef query = m_impl->m_db.cached(
        "SELECT device, wall_time, utilization_pct, memory_used_bytes, memory_total_bytes,"
        " power_w, temperature_c, allocated_bytes, reserved_bytes, peak_bytes, clock_mhz"
        " FROM device_samples WHERE run_id = ?1 ORDER BY wall_time, id");
    query->bind(1, runId);
    // NULL (not reported by the device) reads back as the events' -1.
    const auto realOr = [&](int column) {
        return query->isNull(column) ? -1.0 : query->real(column);
    };
    const auto intOr = [&](int column) {
        return query->isNull(column) ? std::int64_t{-1} : query->int64(column);
    };
    std::vector<DeviceSample> samples;
    while (query->step()) {
        DeviceSample sample;
        sample.runId = runId;
        sample.device = query->text(0);
        sample.wallTimeS = query->real(1);
        sample.utilizationPct = realOr(2);
        sample.memoryUsedBytes = intOr(3);
        sample.memoryTotalBytes = intOr(4);
        sample.powerW = realOr(5);
        sample.temperatureC = realOr(6);
        sample.allocatedBytes = intOr(7);
        sample.reservedBytes = intOr(8);
        sample.peakBytes = intOr(9);
        sample.clockMHz = realOr(10);
        samples.push_back(std::move(sample));
    }
    return samples;
}

std::vector<LogLine> RunStore::logs(std::int64_t runId) const {
    sql::StatementRef query = m_impl->m_db.cached(
        "SELECT level, wall_time, text FROM logs WHERE run_id = ?1 ORDER BY id");
    query->bind(1, runId);
    std::vector<LogLine> lines;
    while (query->step()) {
        lines.push_back(
            {runId, logLevelFromString(query->text(0)), query->real(1), query->text(2)});
    }
    return lines;
}

std::vector<ArtifactRecord> RunStore::artifacts(std::int64_t runId) const {
    static const std::string sql =
        "SELECT " + kArtifactColumns + " FROM artifacts WHERE run_id = ?1 ORDER BY id";
    sql::StatementRef query = m_impl->m_db.cached(sql);
    query->bind(1, runId);
    std::vector<ArtifactRecord> records;
    while (query->step())
        records.push_back(readArtifact(*query, runId, path()));
    return records;
}

std::optional<ArtifactRecord> RunStore::latestArtifact(std::int64_t runId,
                                                       const std::string& kind) const {
    static const std::string sql = "SELECT " + kArtifactColumns +
                                   " FROM artifacts WHERE run_id = ?1 AND kind = ?2"
                                   " ORDER BY id DESC LIMIT 1";
    sql::StatementRef query = m_impl->m_db.cached(sql);
    query->bind(1, runId).bind(2, kind);
    if (!query->step())
        return std::nullopt;
    return readArtifact(*query, runId, path());
}

std::set<std::string> RunStore::artifactFiles() const {
    std::set<std::string> files;
    sql::StatementRef query = m_impl->m_db.cached("SELECT DISTINCT path FROM artifacts");
    while (query->step())
        files.insert(resolvedArtifactPath(query->text(0), path()));
    return files;
}

} // namespace tb::engine
