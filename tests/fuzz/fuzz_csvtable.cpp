// The time-series CSV readers on any bytes: a DataError, or a table that keeps CsvTable.h's
// promises. The strict and the lenient reader must agree on what is a table.
#include "FuzzInput.h"
#include "engine/data/DataError.h"
#include "engine/data/csv/CsvTable.h"

#include <cmath>
#include <optional>
#include <set>

using namespace tb::engine;
using tb::fuzz::require;

namespace {

void checkShape(const CsvTable& table) {
    require(table.values.size() == static_cast<std::size_t>(table.rows()) * table.columns.size(),
            "values hold rows x columns cells");
    require(table.rows() > 0, "a table has data rows");
    const std::set<std::string> unique(table.columns.begin(), table.columns.end());
    require(unique.size() == table.columns.size(), "column names are unique");
    require(unique.count("") == 0, "column names are not empty");
    for (std::int64_t row = 1; row < table.rows(); ++row)
        require(table.dates[row - 1].secondsSinceEpoch() < table.dates[row].secondsSinceEpoch(),
                "dates are strictly increasing");
}

std::optional<CsvTable> strictTable(const std::string& path) {
    try {
        return readCsvTable(path);
    } catch (const DataError&) {
        return std::nullopt;
    }
}

std::optional<LenientCsvTable> lenientTable(const std::string& path) {
    try {
        return readCsvTableLenient(path);
    } catch (const DataError&) {
        return std::nullopt;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const tb::fuzz::FuzzFile file(data, size, ".csv");
    const std::optional<CsvTable> strict = strictTable(file.path());
    const std::optional<LenientCsvTable> lenient = lenientTable(file.path());

    if (strict) {
        checkShape(*strict);
        for (double value : strict->values)
            require(std::isfinite(value), "a strict table holds finite numbers only");
    }
    if (lenient) {
        checkShape(lenient->table);
        require(lenient->problems.size() <= LenientCsvTable::kMaxProblems,
                "at most kMaxProblems problems are kept");
        require(static_cast<std::int64_t>(lenient->problems.size()) <= lenient->problemCount,
                "every kept problem is counted");
    }
    require(strict.has_value() == (lenient && lenient->problemCount == 0),
            "the strict reader takes exactly the files the lenient one reads without problems");
    if (strict)
        require(strict->values == lenient->table.values, "both readers read the same numbers");

    try {
        const CsvHeader header = readCsvHeader(file.path());
        if (strict)
            require(header.rows == strict->rows() &&
                        header.columns.size() == strict->columns.size() + 1,
                    "the header's look agrees with the table");
    } catch (const DataError&) {
        require(!strict, "the header of a readable table can be read");
    }
    return 0;
}
