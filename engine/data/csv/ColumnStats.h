// Summary statistics of the numeric columns of a time-series CSV.
#pragma once

#include "engine/data/csv/CsvTable.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace tb::engine {

/// The spread of one numeric column over every row of the file. Cells that are not finite
/// (the NaN of readCsvTableLenient()) count as missing and are left out of the rest; a column
/// with no finite value has NaN min, max, mean and stdDev.
struct ColumnStats {
    static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
    std::string name;
    std::int64_t count = 0;   ///< finite values
    std::int64_t missing = 0; ///< cells that are not finite
    double min = kNone;
    double max = kNone;
    double mean = kNone;
    /// Population standard deviation (divides by count, numpy's default), the scale
    /// StandardScaler divides by; 0 for a single value.
    double stdDev = kNone;
};

/// One ColumnStats per column of `table`, in column order. Two passes over the values (mean,
/// then squared deviations from it), so that a large offset costs stdDev no precision.
///
/// Example:
/// ```
/// for (const ColumnStats& s : columnStats(readCsvTable("ETTh1.csv")))
///     std::cout << s.name << " " << s.mean << " +- " << s.stdDev << "\n";
/// ```
std::vector<ColumnStats> columnStats(const CsvTable& table);

} // namespace tb::engine
