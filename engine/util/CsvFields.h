// The fields of comma-separated lines, read and written the way spreadsheets and pandas do.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tb::engine {

/// `text` without the white space around it (blanks, tabs, a CR left by CRLF line ends).
std::string_view trimmedCsvText(std::string_view text);

/// Splits one line at commas outside double quotes into `fields` (cleared first), each without
/// its quotes and the blanks around it; the views point into `line`. A doubled quote inside a
/// quoted field stays doubled: no number or date contains one, and a name keeps its spelling.
void splitCsvFields(std::string_view line, std::vector<std::string_view>& fields);

/// `text` as one field (RFC 4180): quoted when it holds a comma, a quote or a line break, its
/// quotes doubled.
std::string csvField(const std::string& text);

} // namespace tb::engine
