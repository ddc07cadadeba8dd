#include "ui/compare/TableText.h"

#include <QStringList>
#include <QTableWidget>

namespace tb::ui {

namespace {

QString headerText(const QTableWidgetItem* item) {
    return item ? item->text().trimmed() : QString();
}

/// A section row's one cell is a filler that takes no part in selection or editing.
bool isSection(const QTableWidget& table, int row) {
    const QTableWidgetItem* item = table.item(row, 0);
    return item && item->flags() == Qt::NoItemFlags;
}

/// A cell on one line: a status reason may hold tabs or line breaks.
QString oneLine(QString text) {
    return text.replace(QLatin1Char('\t'), QLatin1Char(' '))
        .replace(QLatin1Char('\n'), QLatin1Char(' '));
}

QString markdownCell(QString text, bool bold) {
    text = oneLine(text);
    text.replace(QLatin1Char('|'), QStringLiteral("\\|"));
    return bold && !text.isEmpty() ? QStringLiteral("**%1**").arg(text) : text;
}

} // namespace

QString tableAsMarkdown(const QTableWidget& table) {
    QStringList header{QString()};
    for (int column = 0; column < table.columnCount(); ++column)
        header << markdownCell(headerText(table.horizontalHeaderItem(column)), false);
    QStringList lines{QStringLiteral("| %1 |").arg(header.join(QStringLiteral(" | ")))};
    lines << QStringLiteral("|%1").arg(QStringLiteral("---|").repeated(header.size()));
    for (int row = 0; row < table.rowCount(); ++row) {
        const QTableWidgetItem* label = table.verticalHeaderItem(row);
        const bool section = isSection(table, row);
        QStringList cells{
            markdownCell(headerText(label), section || (label && label->font().bold()))};
        for (int column = 0; column < table.columnCount(); ++column) {
            const QTableWidgetItem* item = table.item(row, column);
            cells << (section || !item ? QString()
                                       : markdownCell(item->text(), item->font().bold()));
        }
        lines << QStringLiteral("| %1 |").arg(cells.join(QStringLiteral(" | ")));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString tableAsTabSeparated(const QTableWidget& table) {
    QStringList header{QString()};
    for (int column = 0; column < table.columnCount(); ++column)
        header << oneLine(headerText(table.horizontalHeaderItem(column)));
    QStringList lines{header.join(QLatin1Char('\t'))};
    for (int row = 0; row < table.rowCount(); ++row) {
        QStringList cells{headerText(table.verticalHeaderItem(row))};
        if (!isSection(table, row))
            for (int column = 0; column < table.columnCount(); ++column)
                cells << (table.item(row, column) ? oneLine(table.item(row, column)->text())
                                                  : QString());
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString rowsAsMarkdown(const std::vector<std::vector<std::string>>& rows) {
    QStringList lines;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        QStringList cells;
        for (std::size_t column = 0; column < rows[row].size(); ++column)
            cells << markdownCell(QString::fromStdString(rows[row][column]),
                                  row > 0 && column == 0);
        lines << QStringLiteral("| %1 |").arg(cells.join(QStringLiteral(" | ")));
        if (row == 0)
            lines << QStringLiteral("|%1").arg(QStringLiteral("---|").repeated(cells.size()));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString rowsAsTabSeparated(const std::vector<std::vector<std::string>>& rows) {
    QStringList lines;
    for (const auto& row : rows) {
        QStringList cells;
        for (const std::string& cell : row)
            cells << oneLine(QString::fromStdString(cell));
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace tb::ui
