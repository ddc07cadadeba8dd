// RunStore::reopenRun: a stopped run going on where it stopped.
#include "engine/store/MetricChunks.h"
#include "engine/store/RunStore.h"
#include "engine/store/StoreConnection.h"
#include "engine/util/Environment.h"

namespace tb::engine {

namespace {

std::vector<std::int64_t> seriesOf(sql::Database& db, std::int64_t runId) {
    std::vector<std::int64_t> ids;
    sql::StatementRef query = db.cached("SELECT id FROM metric_series WHERE run_id = ?1");
    query->bind(1, runId);
    while (query->step())
        ids.push_back(query->int64(0));
    return ids;
}

} // namespace

void RunStore::reopenRun(std::int64_t runId, const RunRecord& process, std::int64_t lastStep,
                         double lastWallTimeS) {
    m_impl->write([&] {
        m_impl->requireRun(runId);
        sql::Database& db = m_impl->m_db;
        sql::StatementRef update =
            db.cached("UPDATE runs SET status = 'created', status_reason = '', finished_at = '',"
                      " device = ?2, device_name = ?3, config_yaml = ?4, config_hash = ?5,"
                      " torch_version = ?6, threads = ?7, host = ?8, pid = ?9,"
                      " run_seconds = ?10, resumed_at = ?11 WHERE id = ?1");
        update->bind(1, runId)
            .bind(2, process.device)
            .bind(3, process.deviceName)
            .bind(4, process.configYaml)
            .bind(5, process.configHash)
            .bind(6, process.torchVersion)
            .bind(7, process.threads)
            .bind(8, process.host)
            .bind(9, process.pid)
            .bind(10, lastWallTimeS)
            .bind(11, utcNowIso())
            .execute();
        for (const std::int64_t seriesId : seriesOf(db, runId)) {
            if (!truncateSeries(db, seriesId, lastStep)) {
                sql::StatementRef drop = db.cached("DELETE FROM metric_series WHERE id = ?1");
                drop->bind(1, seriesId).execute();
            }
        }
        sql::StatementRef samples =
            db.cached("DELETE FROM device_samples WHERE run_id = ?1 AND wall_time > ?2");
        samples->bind(1, runId).bind(2, lastWallTimeS).execute();
    });
    m_impl->forget(runId); // series dropped above may be cached
}

} // namespace tb::engine
