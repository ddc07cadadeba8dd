// The workspace database: every run, its metrics, device samples, logs and artifacts.
#pragma once

#include "engine/store/RunRecord.h"

#include <climits>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace tb::engine {

/// Thrown for any failure to open, migrate, read or write the store. `what()` names the file
/// and what to do ("cannot create /x/runs.db: permission denied; choose a writable --db").
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One connection to a workspace SQLite file (WAL mode). Not thread-safe: use one RunStore
/// per thread (SQLite connections must not be shared), as the store writer and the UI do.
///
/// Example:
/// ```
/// RunStore store = RunStore::open("runs.db");
/// for (const RunSummary& r : store.listRuns()) ...
/// auto curve = store.metricSeries(id, "train/loss");
/// ```
/// What RunStore::mergeFrom did with the other file's runs.
struct MergeCounts {
    int added = 0;       ///< copied under new ids
    int updated = 0;     ///< copies of runs that were still going, brought up to date
    int alreadyHere = 0; ///< left as they were
};

class RunStore {
public:
    enum class Mode { ReadWrite, ReadOnly };

    /// Opens (creating if missing, in ReadWrite mode) and migrates to the current schema;
    /// ReadWrite also fails abandoned runs (failAbandonedRuns). Throws StoreError, leaving no
    /// partial file behind when creation fails.
    static RunStore open(const std::string& path, Mode mode = Mode::ReadWrite);
    /// Opens an existing store read-only, after a read-write open where the file allows one:
    /// that upgrades an older schema and fails abandoned runs. Where writing is refused (a
    /// read-only file, another process holding the lock) the read-only open reports what
    /// keeps the file from being read, if anything.
    static RunStore openForReading(const std::string& path);
    /// A private in-memory database, for tests.
    static RunStore openInMemory();

    RunStore(RunStore&&) noexcept;
    RunStore& operator=(RunStore&&) noexcept;
    ~RunStore();

    /// Schema version after migration (`PRAGMA user_version`).
    int schemaVersion() const;
    static int latestSchemaVersion();
    const std::string& path() const;

    // --- writing -------------------------------------------------------------------------
    /// Inserts a run (id ignored) and returns its id; its tags are stored as setRunNotes's.
    std::int64_t createRun(const RunRecord& run);
    void setRunStatus(std::int64_t runId, RunStatus status, const std::string& reason = {});
    /// `tags` comma-separated; stored trimmed, without empty or repeated tags
    /// (` baseline, etth1,,baseline` is `baseline,etth1`).
    void setRunNotes(std::int64_t runId, const std::string& notes, const std::string& tags,
                     bool starred);
    /// Readies an ended run to be trained on by the process `process` describes (its host,
    /// pid, device, threads, LibTorch and config: train.epochs may have been raised): status
    /// created, no end, and nothing it recorded after the point it goes on from (metric points
    /// after `lastStep`, device readings after `lastWallTimeS`: a killed run's last epoch,
    /// trained again), resumed now with its clock at `lastWallTimeS`. Its name, notes, tags,
    /// logs and files stay.
    void reopenRun(std::int64_t runId, const RunRecord& process, std::int64_t lastStep,
                   double lastWallTimeS);
    /// Removes a run and everything that belongs to it.
    void deleteRun(std::int64_t runId);
    /// Marks as failed every run of abandonedRuns(), keeping what it wrote; returns their
    /// ids. Opening the store read-write does this, so such runs do not stay "running".
    std::vector<std::int64_t> failAbandonedRuns();

    /// Applies a batch of events in one transaction (the store writer's unit of work).
    /// RunStarted/RunEnded update the run row; metric values (plus `train/samples_per_s`,
    /// `epoch/duration_s`, `epoch/samples_per_s`, and RunEnded's final metrics at the run's
    /// last step) go to the metric series; samples, logs and checkpoints to their tables.
    /// Throws StoreError, writing nothing of the batch, when an event names an unknown run.
    void apply(const std::vector<Event>& events);

    /// Bulk insert of one metric series; used by imports and benchmarks.
    void appendMetrics(std::int64_t runId, const std::string& name,
                       const std::vector<MetricPoint>& points);
    void addArtifact(const ArtifactRecord& artifact);

    // --- reading -------------------------------------------------------------------------
    /// Every run, newest first, with its last value of each metric.
    std::vector<RunSummary> listRuns() const;
    /// Runs still running or paused whose process on this host has ended (killed, crashed,
    /// the machine lost power). Works on a read-only store: a reader uses it to decide when a
    /// read-write open (which fails them) is worth taking the lock for.
    std::vector<AbandonedRun> abandonedRuns() const;
    std::optional<RunRecord> run(std::int64_t runId) const;
    /// Metric names recorded for a run, sorted.
    std::vector<std::string> metricNames(std::int64_t runId) const;
    /// The points of one curve with fromStep <= step <= toStep, by step.
    std::vector<MetricPoint> metricSeries(std::int64_t runId, const std::string& name,
                                          std::int64_t fromStep = 0,
                                          std::int64_t toStep = INT64_MAX) const;
    /// The curve `name` of every run that has one, by run id: one read for all runs, for views
    /// that summarise the workspace (the speed ledger).
    std::map<std::int64_t, std::vector<MetricPoint>>
    metricSeriesOfEveryRun(const std::string& name) const;
    /// The last value of each metric of a run.
    std::vector<MetricValue> finalMetrics(std::int64_t runId) const;
    std::vector<DeviceSample> deviceSamples(std::int64_t runId) const;
    std::vector<LogLine> logs(std::int64_t runId) const;
    /// A run's files, each path absolute (stored relative to the workspace's folder where the
    /// file lies in it: ArtifactPaths.h).
    std::vector<ArtifactRecord> artifacts(std::int64_t runId) const;
    /// The run's newest file of `kind` (best, last, predictions), as artifacts() gives it;
    /// none when it has none.
    std::optional<ArtifactRecord> latestArtifact(std::int64_t runId, const std::string& kind) const;
    /// Every file any run's artifacts name, absolute as artifacts() gives them (runs given one
    /// artifact folder may write the same file names).
    std::set<std::string> artifactFiles() const;

    /// Copies the runs of another workspace file into this one under new ids. A run already
    /// here (the same name, host and creation time: the file was merged before, or it holds
    /// copies of this one's runs) is not copied again; a copy merged while its run was still
    /// going, or before it was continued, is brought up to date, keeping its id, notes, tags
    /// and star. Runs trained here are never overwritten.
    MergeCounts mergeFrom(const std::string& otherPath);

    /// Writes a run's metrics as CSV: `step,epoch,wall_time_s,<name>...` one row per step.
    std::string exportMetricsCsv(std::int64_t runId) const;

private:
    struct Impl;
    explicit RunStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace tb::engine
