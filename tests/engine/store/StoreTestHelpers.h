// Shared by the store tests: raw SQLite access (as another program or an older Trainbench
// would touch the file), sample runs and events, and StoreError capture.
#pragma once

#include "engine/events/Event.h"
#include "engine/store/RunRecord.h"

#include <QString>
#include <QStringList>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tb::engine {
class RunStore;
}

namespace tb::test {

/// Runs `sql` on the file through a connection of its own; throws std::runtime_error.
void execSql(const std::string& path, const std::string& sql);
/// The first column of the first row of `sql`, via a connection of its own.
std::int64_t queryInt(const std::string& path, const std::string& sql);

/// A store file as a Trainbench of schema `version` left it, with `sql` run on it after.
void writeOlderStore(const std::string& path, std::size_t version, const std::string& sql);

/// The message of the StoreError `action` throws; empty when it throws none.
QString storeErrorOf(const std::function<void()>& action);

/// Names in `folder`, sorted: to check that a failed open left nothing behind.
QStringList filesIn(const QString& folder);

/// A run with every field set to something recognisable.
engine::RunRecord sampleRun(const std::string& name, const std::string& createdAt = {});

engine::StepMetrics stepMetrics(std::int64_t runId, std::int64_t step, double loss);

/// A forecasting run as it lands in the store; the defaults are DLinear on ETTh1 at 96.
struct ForecastRun {
    std::string dataset = "ETTh1"; ///< stem of data.path
    std::string features = "M";
    std::int64_t predLen = 96;
    std::string model = "dlinear";
    std::int64_t seed = 2021;
    double testMse = 0.0;
    double testMae = 0.0;
    engine::RunStatus status = engine::RunStatus::Finished;
};

/// Stores a finished run with this config text and these final metrics; returns its id.
std::int64_t storeFinishedRun(engine::RunStore& store, const std::string& name,
                              const std::string& configYaml,
                              const std::vector<engine::MetricValue>& finals);

/// A run whose epochs took these times, as the speed ledger reads it.
struct TimedRun {
    std::string name = "cnn";
    std::string device = "cpu";
    std::string deviceName; ///< empty: not recorded, as by a Trainbench before schema 4
    std::string host = "laptop";
    std::string config = "name: cnn\nseed: 1\ndevice: cpu\noptim:\n  lr: 0.001\n"
                         "train:\n  epochs: 3\n  batch_size: 64\n";
    std::vector<double> epochSeconds;
    /// Each epoch's share spent waiting for data; empty: not timed (a Trainbench before it was)
    std::vector<double> dataWait;
    engine::RunStatus status = engine::RunStatus::Finished;
};

/// Stores `run` with one `epoch/duration_s`, `epoch/samples_per_s` (6400 samples an epoch) and
/// `epoch/data_wait` point per epoch; a Running run has not ended yet. Returns its id.
std::int64_t storeTimedRun(engine::RunStore& store, const TimedRun& run);

/// The config YAML the engine stores for `run` (an excerpt of a real run's, comments and all).
std::string forecastConfigYaml(const ForecastRun& run);

/// Stores `run` with forecastConfigYaml as its config, two epochs of metrics and, when it
/// finished, test/mse and test/mae among its final metrics; a Running run has not ended yet.
/// Returns its id.
std::int64_t storeForecastRun(engine::RunStore& store, const ForecastRun& run);

} // namespace tb::test
