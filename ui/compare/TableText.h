// Tables as text to paste elsewhere: a lab notebook, a spreadsheet, an issue.
#pragma once

#include <QString>
#include <string>
#include <vector>

class QTableWidget;

namespace tb::ui {

/// The table as a Markdown table: the row labels as the first column, section rows in bold
/// with empty cells, bold cells (the best of a metric) in bold.
QString tableAsMarkdown(const QTableWidget& table);

/// The table as tab-separated lines, row labels first, as spreadsheets paste it.
QString tableAsTabSeparated(const QTableWidget& table);

/// Rows of text (the first one the header) as a Markdown table, the first column in bold.
QString rowsAsMarkdown(const std::vector<std::vector<std::string>>& rows);
/// Rows of text as tab-separated lines.
QString rowsAsTabSeparated(const std::vector<std::vector<std::string>>& rows);

} // namespace tb::ui
