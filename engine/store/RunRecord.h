// Rows of the run store as plain structs.
#pragma once

#include "engine/events/Event.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tb::engine {

/// One row of `runs`. Times are UTC ISO-8601 strings (`2026-11-23T09:15:02Z`).
struct RunRecord {
    std::int64_t id = 0;
    std::string name;
    RunStatus status = RunStatus::Created;
    std::string statusReason;
    std::string createdAt;
    std::string startedAt;
    std::string finishedAt;
    std::string device;
    std::string deviceName; ///< the device's model, `NVIDIA H100 80GB HBM3`; empty when unknown
    std::string configYaml;
    std::string configHash;
    std::int64_t seed = 0;
    std::string torchVersion;
    std::int64_t threads = 0;
    std::string host;
    std::int64_t pid = 0; ///< the process on `host` that trains the run; 0 when unknown
    /// How long it trained: its clock when it last ended, without the time a stopped run
    /// stood still before it was continued; while a continued run trains on, its clock when it
    /// was continued; 0 when unknown (still going, killed, earlier runs).
    double runSeconds = 0.0;
    std::string resumedAt; ///< when it was last continued; empty when never
    std::string notes;
    std::string tags; ///< comma separated
    bool starred = false;
};

/// A run with its latest value of every metric, for run lists.
struct RunSummary {
    RunRecord run;
    std::vector<MetricValue> finalMetrics;
};

/// A run whose training process ended without saying so.
struct AbandonedRun {
    std::int64_t runId = 0;
    std::int64_t pid = 0;
};

/// One point of a metric curve.
struct MetricPoint {
    std::int64_t step = 0;
    std::int64_t epoch = 0;
    double wallTimeS = 0.0;
    double value = 0.0;
};

struct ArtifactRecord {
    std::int64_t id = 0;
    std::int64_t runId = 0;
    std::string kind; ///< best, last, manual, predictions, scaler
    std::string path; ///< as written; RunStore::artifacts gives it absolute
    std::int64_t epoch = 0;
    std::int64_t step = 0;
    std::string createdAt;
};

} // namespace tb::engine
