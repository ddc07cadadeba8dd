// The cross-device speed ledger: how long an epoch of the same experiment takes on each device
// the workspace has run it on (a laptop's CPU, a cloud GPU, an NPU server merged in).
#pragma once

#include "engine/store/RunRecord.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tb::engine {

class RunStore;

/// One experiment on one device: its runs there and their typical epoch.
struct SpeedCell {
    /// The column: the device's model (`NVIDIA H100 80GB HBM3`, or the id `cuda:0` for runs
    /// that did not record it), with `@ host` when the workspace holds runs of several hosts.
    std::string device;
    std::vector<std::int64_t> runIds;
    /// The median over the runs of each run's typicalEpochValue() of `epoch/duration_s`.
    double epochSeconds = 0.0;
    double samplesPerSec = 0.0; ///< the same median of `epoch/samples_per_s`
    /// epochSeconds over the fastest cell of the row: 1 for the fastest, 8.5 for a device that
    /// needs 8.5 times as long per epoch.
    double timesFastest = 1.0;
};

/// One experiment: runs whose configs differ only in fields that do not change an epoch's
/// work (name, seed, device, epochs, learning rate and schedule, early stopping, checkpoints,
/// telemetry).
struct SpeedRow {
    /// The latest run's name (a sweep's run less its values: sweepBaseName), and where rows
    /// share a name, the fields that tell them apart: `fashion-mnist-cnn (train.batch_size=256)`.
    std::string experiment;
    std::vector<SpeedCell> cells; ///< one per device the experiment ran on, fastest first
};

/// The median of a run's per-epoch values (`epoch/duration_s`), without the first epoch when
/// there are more: allocator growth, cuDNN autotuning and cold caches make it slow.
std::optional<double> typicalEpochValue(const std::vector<MetricPoint>& perEpoch);

/// Every finished or stopped run of a workspace with at least one timed epoch, grouped by
/// experiment and device. Plain data: copy it freely.
///
/// Example:
/// ```
/// const SpeedLedger ledger = SpeedLedger::fromStore(RunStore::openForReading("runs.db"));
/// for (const SpeedRow& row : ledger.rows())
///     for (const SpeedCell& cell : row.cells)
///         std::cout << row.experiment << " " << cell.device << " " << cell.epochSeconds << "\n";
/// ```
class SpeedLedger {
public:
    SpeedLedger() = default;
    /// Reads every run of `store`. Throws StoreError when the store cannot be read.
    static SpeedLedger fromStore(const RunStore& store);

    /// Sorted by experiment label, numbers in it by value (inValueOrder).
    const std::vector<SpeedRow>& rows() const { return m_rows; }
    bool empty() const { return m_rows.empty(); }
    /// Every device column of the ledger, sorted.
    std::vector<std::string> devices() const;
    /// Runs left out because their stored config cannot be read, one line each.
    const std::vector<std::string>& skipped() const { return m_skipped; }

private:
    std::vector<SpeedRow> m_rows;
    std::vector<std::string> m_skipped;
};

} // namespace tb::engine
