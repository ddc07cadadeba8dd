#include "engine/store/Migrations.h"

#include "engine/store/RunStore.h"
#include "engine/store/SqlDatabase.h"
#include "engine/store/SqlTransaction.h"

#include <string>

namespace tb::engine {

namespace {

// Version 1. AUTOINCREMENT on runs and series: ids are never reused, so an id the UI still
// shows for a deleted run cannot silently name a newer one. Metric points are stored in
// chunks of consecutive points (MetricChunks.h): a million-step curve is ~2000 rows.
constexpr const char* kSchema1 = R"sql(
PRAGMA application_id = 1413631555;

CREATE TABLE runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL DEFAULT 'created',
    status_reason TEXT    NOT NULL DEFAULT '',
    created_at    TEXT    NOT NULL,
    started_at    TEXT    NOT NULL DEFAULT '',
    finished_at   TEXT    NOT NULL DEFAULT '',
    device        TEXT    NOT NULL DEFAULT '',
    config_yaml   TEXT    NOT NULL DEFAULT '',
    config_hash   TEXT    NOT NULL DEFAULT '',
    seed          INTEGER NOT NULL DEFAULT 0,
    torch_version TEXT    NOT NULL DEFAULT '',
    threads       INTEGER NOT NULL DEFAULT 0,
    host          TEXT    NOT NULL DEFAULT '',
    notes         TEXT    NOT NULL DEFAULT '',
    tags          TEXT    NOT NULL DEFAULT '',
    starred       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_by_created ON runs (created_at, id);

CREATE TABLE metric_series (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    name   TEXT    NOT NULL,
    UNIQUE (run_id, name)
);

-- Up to 512 consecutive points of one series; chunks of a series never overlap. points
-- packs 32 bytes a point: step int64, epoch int64, wall time float64, value float64,
-- little-endian. last_value is the value at last_step (NULL for NaN), so run lists need
-- not unpack anything. A rowid table, not WITHOUT ROWID: its rows are kilobytes.
CREATE TABLE metric_chunks (
    id          INTEGER PRIMARY KEY,
    series_id   INTEGER NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
    first_step  INTEGER NOT NULL,
    last_step   INTEGER NOT NULL,
    point_count INTEGER NOT NULL,
    last_value  REAL,
    points      BLOB    NOT NULL,
    UNIQUE (series_id, first_step)
);

-- NULL where the device does not report the counter.
CREATE TABLE device_samples (
    id                 INTEGER PRIMARY KEY,
    run_id             INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    device             TEXT    NOT NULL,
    wall_time          REAL    NOT NULL,
    utilization_pct    REAL,
    memory_used_bytes  INTEGER,
    memory_total_bytes INTEGER,
    power_w            REAL,
    temperature_c      REAL,
    allocated_bytes    INTEGER,
    reserved_bytes     INTEGER,
    peak_bytes         INTEGER
);
CREATE INDEX device_samples_by_run ON device_samples (run_id, wall_time);

CREATE TABLE logs (
    id        INTEGER PRIMARY KEY,
    run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    level     TEXT    NOT NULL,
    wall_time REAL    NOT NULL,
    text      TEXT    NOT NULL
);
CREATE INDEX logs_by_run ON logs (run_id, id);

CREATE TABLE artifacts (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    path       TEXT    NOT NULL,
    epoch      INTEGER NOT NULL DEFAULT 0,
    step       INTEGER NOT NULL DEFAULT 0,
    created_at TEXT    NOT NULL
);
CREATE INDEX artifacts_by_run ON artifacts (run_id, id);
)sql";

// Version 2: the compute clock NVML and DCMI report.
constexpr const char* kSchema2 = "ALTER TABLE device_samples ADD COLUMN clock_mhz REAL;";

// Version 3: the process training a run (on `host`), so that a run whose process was killed
// can be told from one still training. 0: unknown, as for every run written before.
constexpr const char* kSchema3 = "ALTER TABLE runs ADD COLUMN pid INTEGER NOT NULL DEFAULT 0;";

// Version 4. The model of the device a run trained on (`NVIDIA H100 80GB HBM3`): `cuda:0` on
// two servers may be two different GPUs. And each series' latest point, kept by a trigger for
// every writer (training, imports, merges): run lists read one row per series instead of
// seeking its last chunk, 120 -> 6 ms for 2,000 runs.
constexpr const char* kSchema4 = R"sql(
ALTER TABLE runs ADD COLUMN device_name TEXT NOT NULL DEFAULT '';

ALTER TABLE metric_series ADD COLUMN last_step INTEGER;
ALTER TABLE metric_series ADD COLUMN last_value REAL;
UPDATE metric_series SET (last_step, last_value) =
    (SELECT last_step, last_value FROM metric_chunks
     WHERE series_id = metric_series.id ORDER BY first_step DESC LIMIT 1);

-- Chunks are only ever inserted or replaced whole, never shortened: the chunk reaching
-- furthest holds the series' latest point.
CREATE TRIGGER metric_series_latest AFTER INSERT ON metric_chunks
BEGIN
    UPDATE metric_series SET last_step = NEW.last_step, last_value = NEW.last_value
    WHERE id = NEW.series_id AND (last_step IS NULL OR last_step <= NEW.last_step);
END;
)sql";

} // namespace

// Version 5: how long a run trained, its own clock when it ended. A stopped run continued a day
// later trained for minutes, not a day. 0: not known (runs written before, killed ones).
constexpr const char* kSchema5 = "ALTER TABLE runs ADD COLUMN run_seconds REAL NOT NULL DEFAULT 0;";

// Version 6: when a run was last continued, so that while it trains on its duration is its clock
// at the continuation plus the time since, not the time since it first started.
constexpr const char* kSchema6 = "ALTER TABLE runs ADD COLUMN resumed_at TEXT NOT NULL DEFAULT '';";

std::string newerSchemaMessage(const std::string& path, std::int64_t version,
                               std::size_t latestVersion) {
    return path + " was written by a newer Trainbench (schema " + std::to_string(version) +
           ", this build reads up to " + std::to_string(latestVersion) + "); upgrade Trainbench";
}

const std::vector<const char*>& schemaMigrations() {
    static const std::vector<const char*> steps{kSchema1, kSchema2, kSchema3,
                                                kSchema4, kSchema5, kSchema6};
    return steps;
}

void migrate(sql::Database& db, const std::vector<const char*>& steps) {
    const auto latest = static_cast<std::int64_t>(steps.size());
    // Up to date, the common case: no write lock to wait for behind another program's writes.
    if (db.queryInt("PRAGMA user_version") == latest) {
        return;
    }
    for (;;) {
        // The version is read inside the write transaction: another process may have
        // migrated the file while this one waited for the lock.
        sql::Transaction transaction(db);
        const std::int64_t version = db.queryInt("PRAGMA user_version");
        if (version > latest) {
            throw StoreError(newerSchemaMessage(db.path(), version, steps.size()));
        }
        if (version == latest) {
            return;
        }
        try {
            db.exec(steps[static_cast<std::size_t>(version)]);
            db.exec(("PRAGMA user_version = " + std::to_string(version + 1)).c_str());
            transaction.commit();
        } catch (const StoreError& error) {
            throw StoreError(db.path() + ": upgrading the schema from version " +
                             std::to_string(version) + " to " + std::to_string(version + 1) +
                             " failed, the file stays at version " + std::to_string(version) +
                             " (" + error.what() + "); report this as a Trainbench bug");
        }
    }
}

} // namespace tb::engine
