// Runs side by side: which config fields differ and how their final metrics compare.
#pragma once

#include "engine/store/RunRecord.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tb::engine {

class RunStore;

/// One config field of every compared run.
struct ComparedField {
    std::string key;                 ///< dotted, as the CLI's --set takes it: `optim.lr`
    std::vector<std::string> values; ///< one per run, as stored; empty where a run has none
    bool differs = false;            ///< not every run has the same text
};

/// One final metric of every compared run.
struct ComparedMetric {
    std::string name;                          ///< `test/mse`
    std::vector<std::optional<double>> values; ///< one per run; empty where a run has none
    /// The run holding the best value (the highest accuracy, F1 or throughput, the lowest of
    /// anything else), -1 where no value stands out: fewer than two runs have one, they tie,
    /// or the metric has no better direction (a learning rate).
    int best = -1;
};

/// Each run's typical epoch (typicalEpochValue: the median, the first epoch left out), the
/// best marked as for final metrics: what a sweep over batch size, AMP or loader workers is
/// for.
struct ComparedSpeed {
    ComparedMetric epochSeconds;     ///< `epoch/duration_s`
    ComparedMetric samplesPerSecond; ///< `epoch/samples_per_s`
    /// `epoch/data_wait`, the share of the epoch spent waiting for batches (none for runs of a
    /// Trainbench that did not time it)
    ComparedMetric dataWait;
    /// Per run: timed by its first epoch alone, whose one-time costs (warm-up, first
    /// allocations) the others' typical epoch leaves out.
    std::vector<bool> firstEpochOnly;

    /// How many times the fastest run's epoch time run `run` takes (1.0 for the fastest).
    std::optional<double> timesFastest(std::size_t run) const;
};

/// Several runs side by side, in the order they were asked for.
struct RunComparison {
    std::vector<RunRecord> runs;
    /// Every field of any run's stored config, in the order the configs list them (the
    /// schema's).
    std::vector<ComparedField> config;
    /// Every final metric of any run, in metricShownBefore order.
    std::vector<ComparedMetric> metrics;
    /// Each run's typical epoch; unset when no run has timed an epoch.
    std::optional<ComparedSpeed> speed;
    /// The test F1 of every class (each named by its class: `Shirt`) of the compared
    /// classifiers, from the confusion matrices their tests saved, the highest marked best;
    /// empty when no run saved one. A class a run does not have is empty for it.
    std::vector<ComparedMetric> classF1;
    /// Runs whose stored config or confusion matrix could not be read, one line each saying
    /// why; what it would have given shows as missing.
    std::vector<std::string> notes;

    /// The fields that differ between the runs.
    std::vector<const ComparedField*> differingFields() const;
};

/// Reads `runIds` (two or more make a comparison; one works too) in that order. Throws
/// StoreError when the store cannot be read or an id names no run ("no run 9 in <path>").
///
/// Example:
/// ```
/// const RunComparison c = compareRuns(RunStore::openForReading("runs.db"), {3, 5});
/// for (const ComparedField* field : c.differingFields())
///     std::cout << field->key << ": " << field->values[0] << " / " << field->values[1] << "\n";
/// ```
RunComparison compareRuns(const RunStore& store, const std::vector<std::int64_t>& runIds);

/// The order run lists and comparisons show metrics in: test/ before val/ before train/ before
/// the rest, learning rates last, each group by name. The numbers people compare come first.
bool metricShownBefore(const std::string& a, const std::string& b);

} // namespace tb::engine
