// The forecasting results grid: dataset x horizon x model, averaged over repeated seeds.
#pragma once

#include "engine/store/RunRecord.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tb::engine {

class RunStore;

/// The mean and the sample standard deviation (n - 1 in the denominator) of some values; the
/// deviation is 0 for a single value, as nothing is known about the spread yet.
struct MeanStd {
    double mean = 0.0;
    double stddev = 0.0;
};

/// MeanStd of `values`; all zero for none.
MeanStd meanStd(const std::vector<double>& values);

/// One cell of the grid: the finished runs of one experiment of one model on one dataset,
/// feature mode and horizon, repeated with different seeds. Runs whose configs differ in more
/// than the seed and fields that leave the test figures alone (name, device, threads, loader
/// workers, checkpoints, telemetry) are other experiments, in cells of their own.
struct ResultsCell {
    std::string dataset;      ///< stem of `data.path`: `ETTh1`
    std::string features;     ///< `data.features`: M, S or MS
    std::int64_t predLen = 0; ///< `data.pred_len`, the horizon
    std::string model;        ///< `model.name`: `dlinear`
    /// Where the model has other experiments on this dataset and horizon, the fields that tell
    /// this one apart (`optim.lr=0.01, train.epochs=2`); empty where it has none.
    std::string variant;
    std::vector<std::int64_t> runIds;
    std::vector<std::int64_t> seeds; ///< one per run, in runIds' order
    MeanStd mse;                     ///< of the runs' `test/mse`
    MeanStd mae;                     ///< of the runs' `test/mae`

    int runCount() const { return static_cast<int>(runIds.size()); }
};

/// A row of the grid as papers print it: one dataset, feature mode and horizon, with the cell
/// of each model of the grid (null where that model has no run); a variant of the experiments
/// gets rows of its own. Points into its grid.
struct ResultsRow {
    std::string dataset;
    std::string features;
    std::int64_t predLen = 0;
    std::string variant;                   ///< of its cells: ResultsCell::variant
    std::vector<const ResultsCell*> cells; ///< one per ResultsGrid::models(), in that order
};

/// Every finished forecasting run of a workspace (`data.kind: csv`, with `test/mse` and
/// `test/mae`), grouped by (dataset, features, pred_len, model). Runs that are not finished or
/// not forecasting are ignored; finished forecasting runs whose stored config or metrics are
/// unusable are left out with a note saying why. Plain data: copy it freely.
///
/// Example:
/// ```
/// const ResultsGrid grid = ResultsGrid::fromStore(RunStore::open("runs.db"));
/// for (const ResultsCell& cell : grid.cells())
///     std::cout << cell.dataset << " " << cell.predLen << " " << cell.mse.mean << "\n";
/// std::string latex = resultsLatex(grid);
/// ```
class ResultsGrid {
public:
    ResultsGrid() = default;
    /// Reads every run of `store` in one snapshot. Throws StoreError when the store cannot be
    /// read.
    static ResultsGrid fromStore(const RunStore& store);
    static ResultsGrid fromRuns(const std::vector<RunSummary>& runs);

    /// Sorted by dataset, features, horizon (ascending), variant (none first), model.
    const std::vector<ResultsCell>& cells() const { return m_cells; }
    bool empty() const { return m_cells.empty(); }
    /// Every model name of the grid, sorted.
    std::vector<std::string> models() const;
    /// The cells arranged as dataset x horizon rows with a column per models() entry; valid
    /// while this grid lives.
    std::vector<ResultsRow> rows() const;
    /// Finished forecasting runs left out, a line per run name and reason: "run 7
    /// (dlinear-etth1-96): the stored config has no data.pred_len", "runs 9, 8, 6 and 40 more
    /// (informer-etth1-24): no test/mse was recorded (...)".
    const std::vector<std::string>& skipped() const { return m_skipped; }

private:
    std::vector<ResultsCell> m_cells;
    std::vector<std::string> m_skipped;
};

/// `ETTh1` for multivariate (M) rows, the papers' default; `ETTh1 (S)` and `ETTh1 (MS)`
/// otherwise.
std::string rowLabel(const ResultsRow& row);

} // namespace tb::engine
