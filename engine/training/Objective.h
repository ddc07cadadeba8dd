// The loss and evaluation metrics of a task.
#pragma once

#include "engine/data/Batch.h"
#include "engine/events/Event.h"

#include <memory>
#include <string>
#include <vector>

namespace tb::engine {

struct DataSplits;

/// What Objective::finish() leaves for the run: files for its artifact list and warnings for
/// its log.
struct ObjectiveReport {
    struct Artifact {
        std::string kind; ///< `predictions`, `scaler`, ...
        std::string path;
    };
    std::vector<Artifact> artifacts;
    std::vector<std::string> warnings;
};

/// What a task optimises and how it scores a split. Accumulates on the device and syncs
/// only in summarize(), so evaluation costs one host transfer per split.
class Objective {
public:
    virtual ~Objective() = default;

    /// Training loss of one batch (a scalar with grad).
    virtual torch::Tensor loss(const torch::Tensor& prediction, const Batch& batch) = 0;

    /// Adds one evaluation batch to the running totals.
    virtual void accumulate(const torch::Tensor& prediction, const Batch& batch) = 0;
    /// Metrics of everything accumulated since the last call, named `<split>/<metric>`;
    /// resets the totals.
    virtual std::vector<MetricValue> summarize(const std::string& split) = 0;

    /// Whether a larger value of `metric` (`val/accuracy`) is better.
    virtual bool higherIsBetter(const std::string& metric) const = 0;

    /// Called once after `split` was scored with the weights the run keeps: saves what the
    /// task keeps beside the checkpoints in `artifactDir` (nothing when it is empty), such as
    /// forecasts to plot, and says what the run log should warn about. Never throws.
    virtual ObjectiveReport finish(const std::string& split, const std::string& artifactDir) {
        return {};
    }
};

/// The objective of `data.task` (classification; forecasting).
std::unique_ptr<Objective> makeObjective(const DataSplits& data);

/// The metrics the objective of `task` reports for each split (`loss`, `accuracy`, ...), known
/// before the data is loaded, for checking `train.early_stop.monitor`; none for an unknown task.
std::vector<std::string> taskMetricNames(const std::string& task);

} // namespace tb::engine
