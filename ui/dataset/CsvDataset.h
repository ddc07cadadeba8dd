// A time-series CSV read for browsing: the table, its column statistics and its gaps.
#pragma once

#include "engine/data/csv/ColumnStats.h"
#include "engine/data/csv/CsvTable.h"

#include <QString>
#include <vector>

namespace tb::ui {

/// Everything the CSV page shows, computed once on the loader thread. Immutable once loaded.
struct CsvDataset {
    /// Cells that are not finite numbers hold NaN (the engine's lenient read).
    tb::engine::CsvTable table;
    std::vector<tb::engine::ColumnStats> stats;
    /// The first bad cells and how many there are in all; training refuses the file if any.
    std::vector<tb::engine::CsvProblem> problems;
    std::int64_t problemCount = 0;
    /// Each row's date as seconds since 1970 (the file's dates taken as UTC), for the plot.
    std::vector<double> timeS;

    QString fileName() const;
    /// The values of column `column`, one per row.
    std::vector<double> columnValues(std::size_t column) const;
};

/// Reads `path` with readCsvTableLenient() and computes the statistics. On failure returns
/// false and sets `error` to the engine's message (file, line, column and what to do).
bool loadCsvDataset(const QString& path, CsvDataset& out, QString& error);

/// How far apart the rows are, for a header line: `hourly`, `every 15 min`, `daily`,
/// `weekly`, with `, 3 gaps` when some steps are longer than the usual one and `irregular`
/// when there is no usual step. Empty with fewer than two rows.
QString describeRowSpacing(const std::vector<double>& timeS);

} // namespace tb::ui
