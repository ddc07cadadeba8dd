// A time-series CSV read into memory: a date column and numeric columns.
#pragma once

#include "engine/data/csv/DateTime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tb::engine {

/// The rows of a time-series CSV in file order. Immutable once read.
struct CsvTable {
    std::string path;
    /// Headers of the numeric columns, in file order (the date column left out).
    std::vector<std::string> columns;
    /// One timestamp per row, strictly increasing.
    std::vector<DateTime> dates;
    /// Row-major values, rows() x columns.size().
    std::vector<double> values;

    std::int64_t rows() const { return static_cast<std::int64_t>(dates.size()); }
    /// Index of the column named `name` in `columns`, or -1.
    std::int64_t columnIndex(const std::string& name) const;
};

/// Reads a comma-separated file whose header names a `date` column (any case) and whose other
/// columns are all numbers, as in the ETT, exchange-rate and ILI files. Blank lines are
/// skipped; fields may be double-quoted; a UTF-8 byte-order mark and CRLF line ends are
/// accepted. Throws DataError naming the file, the line (the header is line 1) and the column
/// for: a missing or unreadable file, an empty file, a header without data rows, a header
/// without a date column or with a duplicate or empty name, a row with the wrong number of
/// fields, a date that does not parse, dates out of order or repeated, and an empty, NaN,
/// infinite or non-numeric cell.
CsvTable readCsvTable(const std::string& path);

/// A cell readCsvTableLenient() could not read as a finite number.
struct CsvProblem {
    std::int64_t line = 0; ///< 1-based line of the file; the header is line 1
    std::string column;
    std::string message; ///< what readCsvTable() throws for it, file, line and column included
};

/// A table as readCsvTableLenient() read it: NaN in every cell that is not a finite number.
struct LenientCsvTable {
    static constexpr std::size_t kMaxProblems = 100;
    CsvTable table;
    /// The first kMaxProblems bad cells, in file order.
    std::vector<CsvProblem> problems;
    /// Every bad cell, counted.
    std::int64_t problemCount = 0;
};

/// Reads like readCsvTable(), but an empty, NaN, infinite, out-of-range or non-numeric cell
/// becomes NaN and is recorded instead of thrown, so that a file with gaps can be looked at
/// (training still refuses it). What keeps the file from being a table still throws the same
/// DataError: a missing or empty file, a bad header, no data rows, a row with the wrong number
/// of fields, a bad date, dates out of order or repeated.
///
/// Example:
/// ```
/// LenientCsvTable read = readCsvTableLenient("gaps.csv");
/// if (read.problemCount > 0)
///     std::cerr << read.problems.front().message; // "gaps.csv line 7, column 'OT' is empty; ..."
/// ```
LenientCsvTable readCsvTableLenient(const std::string& path);

/// The header's column names (date column included) and the number of data rows, read
/// without parsing the cells: the cheap look that config checks need. Throws DataError like
/// readCsvTable for a missing, unreadable or empty file.
struct CsvHeader {
    std::vector<std::string> columns;
    std::vector<std::string> firstRow; ///< the first data row's cells; empty without rows
    std::int64_t rows = 0;
};
CsvHeader readCsvHeader(const std::string& path);

} // namespace tb::engine
