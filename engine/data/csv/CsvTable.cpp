#include "engine/data/csv/CsvTable.h"

#include "engine/data/DataError.h"
#include "engine/util/BinaryContent.h"
#include "engine/util/CsvFields.h"
#include "engine/util/Lowered.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <string_view>

namespace tb::engine {
namespace {

/// The file's text; a spreadsheet or an archive picked instead of a CSV is named as such.
std::string readTextFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw DataError("cannot open " + path + ": " + std::strerror(errno) +
                        "; check data.path (relative paths start at the config file's folder)");
    std::ostringstream text;
    text << file.rdbuf();
    if (file.bad())
        throw DataError("cannot read " + path + ": " + std::strerror(errno));
    std::string content = std::move(text).str();
    if (const std::string kind = binaryContentKind(content); !kind.empty())
        throw DataError(path + " is " + kind +
                        ", not a CSV text file; export the table as CSV (comma-separated, a "
                        "header line, one row per line)");
    return content;
}

/// Walks the lines of the file text, skipping blank ones and counting every line.
class LineReader {
public:
    explicit LineReader(std::string_view text)
        : m_text(text) {
        if (m_text.substr(0, 3) == "\xEF\xBB\xBF")
            m_text.remove_prefix(3);
    }

    /// The next non-blank line without its line end; false at the end of the file.
    bool next(std::string_view& line) {
        while (m_pos < m_text.size()) {
            const std::size_t end = std::min(m_text.find('\n', m_pos), m_text.size());
            line = m_text.substr(m_pos, end - m_pos);
            m_pos = end + 1;
            ++m_lineNumber;
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            if (!trimmedCsvText(line).empty())
                return true;
        }
        return false;
    }

    /// The 1-based number of the line last returned.
    std::int64_t lineNumber() const { return m_lineNumber; }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
    std::int64_t m_lineNumber = 0;
};

/// Where the problem is: "ETTh1.csv line 5, column 'HUFL'".
std::string place(const std::string& path, std::int64_t line, const std::string& column) {
    return path + " line " + std::to_string(line) + ", column '" + column + "'";
}

struct Header {
    std::vector<std::string> names;
    std::size_t dateIndex = 0;
};

Header readHeader(const std::string& path, std::string_view line) {
    std::vector<std::string_view> fields;
    splitCsvFields(line, fields);
    Header header;
    bool haveDate = false;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string name(fields[i]);
        if (name.empty() && i + 1 == fields.size() && i > 0)
            throw DataError(path + " line 1 ends with a comma, which makes an unnamed column " +
                            std::to_string(i + 1) +
                            "; remove the commas at the ends of the lines, or name the column");
        if (name.empty())
            throw DataError(path + " line 1: column " + std::to_string(i + 1) +
                            " has no name; give every column a header");
        if (std::find(header.names.begin(), header.names.end(), name) != header.names.end())
            throw DataError(path + " line 1: column '" + name +
                            "' appears twice; give every column its own name");
        if (!haveDate && lowered(name) == "date") {
            header.dateIndex = i;
            haveDate = true;
        }
        header.names.push_back(name);
    }
    if (!haveDate && header.names.size() == 1) {
        for (const auto& [separator, name] : {std::pair{';', "semicolons"}, {'\t', "tabs"}}) {
            if (header.names.front().find(separator) != std::string::npos)
                throw DataError(path + " line 1: the fields are separated by " + name +
                                ", not commas; save the file as comma-separated values, with a "
                                "point as the decimal mark");
        }
    }
    if (!haveDate) {
        std::string list;
        for (const auto& name : header.names)
            list += (list.empty() ? "'" : ", '") + name + "'";
        throw DataError(path + " line 1: no 'date' column among " + list +
                        "; name the column holding the timestamps 'date'");
    }
    if (header.names.size() < 2)
        throw DataError(path + " line 1: only a date column; add at least one numeric column");
    return header;
}

/// Why `cell` is not a finite number, as the end of a sentence that starts with the cell's
/// place; empty when it is one, then in `value`.
std::string cellProblem(std::string_view cell, double& value) {
    if (cell.empty())
        return " is empty; fill the gap (e.g. interpolate) or remove the row";
    const char* begin = cell.data();
    const char* end = begin + cell.size();
    if (*begin == '+')
        ++begin;
    const auto [last, error] = std::from_chars(begin, end, value);
    if (error == std::errc::result_out_of_range)
        return ": '" + std::string(cell) + "' is out of the range of a double; rescale the column";
    if (error != std::errc() || last != end)
        return ": '" + std::string(cell) +
               "' is not a number; every column but 'date' must be numeric";
    if (std::isnan(value))
        return " is NaN; fill the gap (e.g. interpolate) or remove the row";
    if (!std::isfinite(value))
        return " is infinite ('" + std::string(cell) +
               "'); replace it with a finite number or remove the row";
    // The models compute in float32: a larger value would reach them as infinity.
    if (std::abs(value) > std::numeric_limits<float>::max())
        return ": '" + std::string(cell) +
               "' is beyond the float32 range the models compute in (3.4e38); rescale the "
               "column or fix the value";
    return {};
}

/// The cell's value. A cell that is not a finite number throws, or with `problems` reads as
/// NaN and is counted there.
double parseCell(std::string_view cell, const std::string& path, std::int64_t line,
                 const std::string& column, LenientCsvTable* problems) {
    double value = 0.0;
    std::string problem = cellProblem(cell, value);
    if (problem.empty())
        return value;
    if (!problems)
        throw DataError(place(path, line, column) + problem);
    if (problems->problems.size() < LenientCsvTable::kMaxProblems)
        problems->problems.push_back({line, column, place(path, line, column) + problem});
    ++problems->problemCount;
    return std::numeric_limits<double>::quiet_NaN();
}

DateTime parseDateCell(std::string_view cell, const std::string& path, std::int64_t line,
                       const std::string& column) {
    const auto date = parseDateTime(cell);
    if (!date)
        throw DataError(place(path, line, column) + ": '" + std::string(cell) +
                        "' is not a date; write dates year first, as 2016-07-01 00:00:00 or "
                        "1990/1/1 0:00");
    return *date;
}

void checkOrder(const DateTime& previous, const DateTime& current, std::int64_t previousLine,
                const std::string& path, std::int64_t line, const std::string& column) {
    const auto before = previous.secondsSinceEpoch();
    const auto now = current.secondsSinceEpoch();
    if (now == before)
        throw DataError(place(path, line, column) + ": " + current.toString() +
                        " repeats the date of line " + std::to_string(previousLine) +
                        "; remove the duplicate row");
    if (now < before)
        throw DataError(place(path, line, column) + ": " + current.toString() + " comes before " +
                        previous.toString() + " on line " + std::to_string(previousLine) +
                        "; sort the rows by date");
}

void checkFieldCount(std::size_t found, std::size_t expected, const std::string& path,
                     std::int64_t line) {
    if (found != expected)
        throw DataError(path + " line " + std::to_string(line) + " has " + std::to_string(found) +
                        " fields but the header has " + std::to_string(expected) +
                        "; every row needs one value per column");
}

std::string_view firstLine(const std::string& path, LineReader& lines) {
    std::string_view line;
    if (!lines.next(line))
        throw DataError(path + " is empty; it needs a header line (date,...) and data rows");
    return line;
}

/// readCsvTable(), or with `problems` readCsvTableLenient()'s reading of the cells.
CsvTable readTable(const std::string& path, LenientCsvTable* problems) {
    const std::string text = readTextFile(path);
    LineReader lines(text);
    const Header header = readHeader(path, firstLine(path, lines));

    CsvTable table;
    table.path = path;
    for (std::size_t i = 0; i < header.names.size(); ++i) {
        if (i != header.dateIndex)
            table.columns.push_back(header.names[i]);
    }
    const std::string& dateName = header.names[header.dateIndex];
    std::vector<std::string_view> fields;
    std::string_view line;
    std::int64_t previousLine = 0;
    while (lines.next(line)) {
        splitCsvFields(line, fields);
        checkFieldCount(fields.size(), header.names.size(), path, lines.lineNumber());
        DateTime date;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (i == header.dateIndex)
                date = parseDateCell(fields[i], path, lines.lineNumber(), dateName);
            else
                table.values.push_back(
                    parseCell(fields[i], path, lines.lineNumber(), header.names[i], problems));
        }
        if (!table.dates.empty())
            checkOrder(table.dates.back(), date, previousLine, path, lines.lineNumber(), dateName);
        table.dates.push_back(date);
        previousLine = lines.lineNumber();
    }
    if (table.dates.empty())
        throw DataError(path + " has a header but no data rows; add rows below the header");
    return table;
}

} // namespace

std::int64_t CsvTable::columnIndex(const std::string& name) const {
    const auto found = std::find(columns.begin(), columns.end(), name);
    return found == columns.end() ? -1 : found - columns.begin();
}

CsvTable readCsvTable(const std::string& path) {
    return readTable(path, nullptr);
}

LenientCsvTable readCsvTableLenient(const std::string& path) {
    LenientCsvTable result;
    result.table = readTable(path, &result);
    return result;
}

CsvHeader readCsvHeader(const std::string& path) {
    const std::string text = readTextFile(path);
    LineReader lines(text);
    std::vector<std::string_view> fields;
    splitCsvFields(firstLine(path, lines), fields);
    CsvHeader header;
    header.columns.assign(fields.begin(), fields.end());
    std::string_view line;
    while (lines.next(line)) {
        if (header.rows++ == 0) {
            splitCsvFields(line, fields);
            header.firstRow.assign(fields.begin(), fields.end());
        }
    }
    return header;
}

} // namespace tb::engine
