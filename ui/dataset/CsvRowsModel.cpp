#include "ui/dataset/CsvRowsModel.h"

#include "ui/dataset/CsvCellFormat.h"
#include "ui/dataset/CsvDataset.h"

#include <QLocale>
#include <cmath>

namespace tb::ui {

void CsvRowsModel::setDataset(std::shared_ptr<const CsvDataset> dataset) {
    beginResetModel();
    m_dataset = std::move(dataset);
    endResetModel();
}

int CsvRowsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_dataset ? 0 : static_cast<int>(m_dataset->table.rows());
}

int CsvRowsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_dataset ? 0
                                          : static_cast<int>(m_dataset->table.columns.size()) + 1;
}

QVariant CsvRowsModel::data(const QModelIndex& index, int role) const {
    if (!m_dataset || !index.isValid())
        return {};
    const int row = index.row();
    const int column = index.column();
    if (column == 0) {
        if (role == Qt::DisplayRole)
            return QString::fromStdString(
                m_dataset->table.dates[static_cast<std::size_t>(row)].toString());
        return {};
    }
    const std::size_t columns = m_dataset->table.columns.size();
    const double value =
        m_dataset->table
            .values[static_cast<std::size_t>(row) * columns + static_cast<std::size_t>(column - 1)];
    switch (role) {
    case Qt::DisplayRole:
        return formatCsvValue(value);
    case Qt::ToolTipRole:
        return std::isfinite(value) ? QLocale().toString(value, 'g', 17)
                                    : tr("Missing or not a number in the file; training refuses "
                                         "the file until the cell holds a number");
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        return std::isfinite(value) ? QVariant() : QVariant(missingTextColor());
    case Qt::BackgroundRole:
        return std::isfinite(value) ? QVariant() : QVariant(missingBackground());
    default:
        return {};
    }
}

QVariant CsvRowsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (!m_dataset)
        return {};
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole)
            return QLocale().toString(section);
        if (role == Qt::ToolTipRole)
            return tr("Row %1 (0-based, as the split borders count rows)").arg(section);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("date")
                        : QString::fromStdString(
                              m_dataset->table.columns[static_cast<std::size_t>(section - 1)]);
}

} // namespace tb::ui
