// RunStore::apply: the store writer's unit of work.
#include "engine/store/ArtifactPaths.h"
#include "engine/store/MetricChunks.h"
#include "engine/store/RunStore.h"
#include "engine/store/StoreConnection.h"

#include <unordered_map>
#include <variant>

namespace tb::engine {

namespace {

/// Stores the events of one apply() transaction. Metric points are gathered per series and
/// written together by writePoints(): a batch of steps then rewrites each series' open chunk
/// once, not once per step.
class EventWriter {
public:
    explicit EventWriter(StoreConnection& store)
        : m_store(store) {}

    void writePoints() {
        for (auto& [seriesId, points] : m_points) {
            storeSeriesPoints(m_store.m_db, seriesId, points);
        }
        m_points.clear();
    }

    void operator()(const RunStarted& event) {
        sql::StatementRef update = m_store.m_db.cached(
            "UPDATE runs SET status = 'running',"
            " started_at = CASE WHEN started_at = '' THEN ?2 ELSE started_at END,"
            " device = CASE WHEN ?3 = '' THEN device ELSE ?3 END WHERE id = ?1");
        update->bind(1, event.runId).bind(2, utcNow()).bind(3, event.device).execute();
    }

    void operator()(const StepMetrics& event) {
        addPoints(event.runId, event.values, event.step, event.epoch, event.wallTimeS);
        addPoint(event.runId, kStepSamplesPerSecMetric, event.step, event.epoch, event.wallTimeS,
                 event.samplesPerSec);
    }

    void operator()(const EpochSummary& event) {
        addPoints(event.runId, event.values, event.step, event.epoch, event.wallTimeS);
        addPoint(event.runId, kEpochDurationMetric, event.step, event.epoch, event.wallTimeS,
                 event.durationS);
        addPoint(event.runId, kEpochSamplesPerSecMetric, event.step, event.epoch, event.wallTimeS,
                 event.samplesPerSec);
    }

    void operator()(const DeviceSample& event) {
        sql::StatementRef insert = m_store.m_db.cached(
            "INSERT INTO device_samples (run_id, device, wall_time, utilization_pct,"
            " memory_used_bytes, memory_total_bytes, power_w, temperature_c, allocated_bytes,"
            " reserved_bytes, peak_bytes, clock_mhz)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
        insert->bind(1, event.runId).bind(2, event.device).bind(3, event.wallTimeS);
        bindKnown(*insert, 4, event.utilizationPct);
        bindKnown(*insert, 5, event.memoryUsedBytes);
        bindKnown(*insert, 6, event.memoryTotalBytes);
        bindKnown(*insert, 7, event.powerW);
        bindKnown(*insert, 8, event.temperatureC);
        bindKnown(*insert, 9, event.allocatedBytes);
        bindKnown(*insert, 10, event.reservedBytes);
        bindKnown(*insert, 11, event.peakBytes);
        bindKnown(*insert, 12, event.clockMHz);
        insert->execute();
    }

    void operator()(const LogLine& event) {
        sql::StatementRef insert = m_store.m_db.cached(
            "INSERT INTO logs (run_id, level, wall_time, text) VALUES (?1, ?2, ?3, ?4)");
        insert->bind(1, event.runId)
            .bind(2, toString(event.level))
            .bind(3, event.wallTimeS)
            .bind(4, event.text)
            .execute();
    }

    void operator()(const CheckpointSaved& event) {
        sql::StatementRef insert = m_store.m_db.cached(
            "INSERT INTO artifacts (run_id, kind, path, epoch, step, created_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insert->bind(1, event.runId)
            .bind(2, event.kind)
            .bind(3, storedArtifactPath(event.path, m_store.m_db.path()))
            .bind(4, event.epoch)
            .bind(5, event.step)
            .bind(6, utcNow())
            .execute();
    }

    void operator()(const RunEnded& event) {
        sql::StatementRef update = m_store.m_db.cached(
            "UPDATE runs SET status = ?2, status_reason = ?3, finished_at = ?4, run_seconds = ?5"
            " WHERE id = ?1");
        update->bind(1, event.runId)
            .bind(2, toString(event.status))
            .bind(3, event.reason)
            .bind(4, utcNow())
            .bind(5, event.wallTimeS)
            .execute();
        // Final metrics (test scores, best values) sit at the run's last step so curves and
        // "last value" queries see them after everything else.
        writePoints();
        const MetricPoint last = m_store.lastPoint(event.runId);
        addPoints(event.runId, event.finalMetrics, last.step, last.epoch, event.wallTimeS);
    }

private:
    void addPoints(std::int64_t runId, const std::vector<MetricValue>& values, std::int64_t step,
                   std::int64_t epoch, double wallTimeS) {
        for (const MetricValue& metric : values) {
            addPoint(runId, metric.name, step, epoch, wallTimeS, metric.value);
        }
    }

    void addPoint(std::int64_t runId, const std::string& name, std::int64_t step,
                  std::int64_t epoch, double wallTimeS, double value) {
        m_points[m_store.seriesId(runId, name)].push_back({step, epoch, wallTimeS, value});
    }

    /// Events say -1 for a counter the device does not report; the table says NULL.
    template <typename Number>
    static void bindKnown(sql::Statement& statement, int index, Number value) {
        if (value < 0) {
            statement.bindNull(index);
        } else {
            statement.bind(index, value);
        }
    }

    StoreConnection& m_store;
    std::unordered_map<std::int64_t, std::vector<MetricPoint>> m_points; ///< by series id
};

std::int64_t runIdOf(const Event& event) {
    return std::visit([](const auto& e) { return e.runId; }, event);
}

} // namespace

void RunStore::apply(const std::vector<Event>& events) {
    m_impl->write([&] {
        EventWriter writer(*m_impl);
        for (const Event& event : events) {
            m_impl->requireRun(runIdOf(event));
            std::visit(writer, event);
        }
        writer.writePoints();
    });
}

} // namespace tb::engine
