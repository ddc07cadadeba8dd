// What the engine thread publishes while it trains.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tb::engine {

/// Lifecycle of a run as stored in `runs.status`.
enum class RunStatus { Created, Running, Paused, Finished, Stopped, Failed };

/// `"running"`, `"finished"`, ... as stored in the database.
const char* toString(RunStatus status);
/// Inverse of toString; unknown text reads as Failed.
RunStatus runStatusFromString(const std::string& text);
/// Finished, stopped or failed: nothing more will be written to the run.
bool hasEnded(RunStatus status);

enum class LogLevel { Debug, Info, Warning, Error };
/// `"debug"`, `"info"`, `"warning"`, `"error"` as stored in `logs.level`.
const char* toString(LogLevel level);
/// Inverse of toString; unknown text reads as Info.
LogLevel logLevelFromString(const std::string& text);

/// One named number, e.g. `{"train/loss", 0.31}`. Names are `split/metric`.
struct MetricValue {
    std::string name;
    double value = 0.0;
};

/// Every event carries `wallTimeS`: seconds since the run started, the one time base shared
/// by metrics and device samples.
struct RunStarted {
    std::int64_t runId = 0;
    std::string name;
    std::string device;
    std::int64_t totalEpochs = 0;
    std::int64_t stepsPerEpoch = 0;
    double wallTimeS = 0.0;
    /// A continued run: the optimizer steps it had taken before it stopped; 0 for a new run.
    std::int64_t continuedFromStep = 0;
    /// A new run started from trained weights (model.init_from): where they came from, as its
    /// log says it; empty otherwise.
    std::string initialWeights{};
};

/// Emitted every `train.log_every` optimizer steps.
struct StepMetrics {
    std::int64_t runId = 0;
    std::int64_t step = 0;  ///< global optimizer step, from 1
    std::int64_t epoch = 0; ///< from 1
    double wallTimeS = 0.0;
    double samplesPerSec = 0.0;
    double etaS = 0.0;
    std::vector<MetricValue> values; ///< train/loss, train/lr, ...
};

/// The metric series of StepMetrics' and EpochSummary's own fields: a run's curves of them, in
/// the workspace and in a live view alike.
inline constexpr const char* kStepSamplesPerSecMetric = "train/samples_per_s";
inline constexpr const char* kEpochDurationMetric = "epoch/duration_s";
inline constexpr const char* kEpochSamplesPerSecMetric = "epoch/samples_per_s";
/// An epoch's share of its training time spent waiting for the next batch (the loader, and the
/// copy to the device), from 0 to 1: near 1, more loader workers help and a faster device would
/// not. One of EpochSummary's values.
inline constexpr const char* kEpochDataWaitMetric = "epoch/data_wait";

struct EpochSummary {
    std::int64_t runId = 0;
    std::int64_t epoch = 0;
    std::int64_t step = 0; ///< global step at the end of the epoch
    double wallTimeS = 0.0;
    double durationS = 0.0;
    double samplesPerSec = 0.0;
    /// train/loss, val/loss, val/accuracy, ..., and kEpochDataWaitMetric.
    std::vector<MetricValue> values;
};

/// One telemetry reading of one device.
struct DeviceSample {
    std::int64_t runId = 0;
    std::string device; ///< `cpu`, `cuda:0`, `npu:0`
    double wallTimeS = 0.0;
    double utilizationPct = -1.0; ///< -1 when unknown
    std::int64_t memoryUsedBytes = -1;
    std::int64_t memoryTotalBytes = -1;
    double powerW = -1.0;
    double temperatureC = -1.0;
    std::int64_t allocatedBytes = -1; ///< LibTorch allocator, this process
    std::int64_t reservedBytes = -1;
    std::int64_t peakBytes = -1;
    double clockMHz = -1.0; ///< SM clock of a GPU, AI Core clock of an NPU
};

struct LogLine {
    std::int64_t runId = 0;
    LogLevel level = LogLevel::Info;
    double wallTimeS = 0.0;
    std::string text;
};

/// How the warnings that start and end a hold begin: the run waits, between two steps, until
/// its workspace can be written again. A front end shows the state between the two.
inline constexpr std::string_view kHoldStartsLog = "training waits: ";
inline constexpr std::string_view kHoldEndsLog = "training goes on: ";

struct CheckpointSaved {
    std::int64_t runId = 0;
    std::int64_t epoch = 0;
    std::int64_t step = 0;
    std::string kind; ///< `best`, `last` or `manual`
    std::string path;
    double wallTimeS = 0.0;
};

/// The last event of every run.
struct RunEnded {
    std::int64_t runId = 0;
    RunStatus status = RunStatus::Finished; ///< Finished, Stopped or Failed
    std::string reason;                     ///< why it stopped or failed, phrased for the user
    double wallTimeS = 0.0;
    std::vector<MetricValue> finalMetrics; ///< test/accuracy, test/loss, best val, ...
};

using Event = std::variant<RunStarted, StepMetrics, EpochSummary, DeviceSample, LogLine,
                           CheckpointSaved, RunEnded>;

} // namespace tb::engine
