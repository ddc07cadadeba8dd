// Where the train, validation and test rows of a CSV lie, for shading a plot of it.
#pragma once

#include "engine/data/csv/CsvSplitPlan.h"

#include <QString>
#include <vector>

namespace tb::ui {

/// Rows [beginRow, endRow) of the file that one split uses.
struct CsvSplitRegion {
    /// `train`, `val`, `test` (seriesColor's names) or `unused`.
    QString split;
    QString label; ///< `Train`, `Validation`, `Test`, `Unused`
    qint64 beginRow = 0;
    qint64 endRow = 0;
    /// The seq_len rows before a validation or test border, which that split's first
    /// windows read as input but do not forecast (they belong to the split before).
    bool lookBack = false;

    qint64 rows() const { return endRow - beginRow; }
};

/// The regions of `table` under `options` as the engine will cut it (planSplits): train,
/// validation and test side by side, then any rows the split leaves unused (the ETT
/// protocol uses 20 months), then the look-back bands. Empty, with the reason in `problem`,
/// when the options name no split the engine can make of this file (an unknown data.split,
/// `ett` on rows that do not divide a day); `problem` also carries a data.seq_len issue
/// (a split too short for one window) while the regions are still given.
std::vector<CsvSplitRegion> csvSplitRegions(const tb::engine::CsvTable& table,
                                            const tb::engine::CsvSplitOptions& options,
                                            QString& problem);

} // namespace tb::ui
