// A comparison table as text to paste elsewhere: a lab notebook, a spreadsheet, an issue.
#pragma once

#include <QString>

class QTableWidget;

namespace tb::ui {

/// The table as a Markdown table: the row labels as the first column, section rows in bold
/// with empty cells, bold cells (the best of a metric) in bold.
QString tableAsMarkdown(const QTableWidget& table);

/// The table as tab-separated lines, row labels first, as spreadsheets paste it.
QString tableAsTabSeparated(const QTableWidget& table);

} // namespace tb::ui
