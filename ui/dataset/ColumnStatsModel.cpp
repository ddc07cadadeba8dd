#include "ui/dataset/ColumnStatsModel.h"

#include "ui/dataset/CsvCellFormat.h"

#include <QFont>
#include <QLocale>
#include <cmath>

namespace tb::ui {

namespace {

/// The number in a Min, Max, Mean or Std cell.
double statValue(const tb::engine::ColumnStats& stats, int column) {
    switch (column) {
    case ColumnStatsModel::Min:
        return stats.min;
    case ColumnStatsModel::Max:
        return stats.max;
    case ColumnStatsModel::Mean:
        return stats.mean;
    default:
        return stats.stdDev;
    }
}

} // namespace

void ColumnStatsModel::setStats(std::vector<tb::engine::ColumnStats> stats) {
    beginResetModel();
    m_stats = std::move(stats);
    endResetModel();
}

void ColumnStatsModel::setTarget(const QString& target) {
    m_target = target;
    if (!m_stats.empty())
        Q_EMIT dataChanged(index(0, Name), index(rowCount() - 1, Name), {Qt::FontRole});
}

int ColumnStatsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_stats.size());
}

int ColumnStatsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ColumnStatsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    const tb::engine::ColumnStats& stats = m_stats[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    const bool target = QString::fromStdString(stats.name) == m_target;
    switch (role) {
    case Qt::DisplayRole:
        return displayText(stats, column);
    case Qt::ToolTipRole:
        if (column == Name && target)
            return tr("The target column (data.target)");
        if (column == Missing)
            return tr("%1 of %2 cells are missing or not numbers")
                .arg(QLocale().toString(stats.missing),
                     QLocale().toString(stats.missing + stats.count));
        if (column != Name && std::isfinite(statValue(stats, column)))
            return QLocale().toString(statValue(stats, column), 'g', 17);
        return {};
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(column == Name ? Qt::AlignLeft | Qt::AlignVCenter
                                                  : Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (column == Name && target) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ForegroundRole:
        return column == Missing && stats.missing > 0 ? QVariant(missingTextColor()) : QVariant();
    default:
        return {};
    }
}

QVariant ColumnStatsModel::displayText(const tb::engine::ColumnStats& stats, int column) const {
    switch (column) {
    case Name:
        return QString::fromStdString(stats.name);
    case Min:
    case Max:
    case Mean:
    case Std:
        return formatCsvValue(statValue(stats, column));
    case Missing:
        return QLocale().toString(stats.missing);
    default:
        return {};
    }
}

QVariant ColumnStatsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(section == Name ? Qt::AlignLeft | Qt::AlignVCenter
                                                   : Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && section == Std)
        return tr("Population standard deviation (divides by the count of values, as numpy "
                  "and the data.normalize scaler do), over every row of the file");
    if (role == Qt::ToolTipRole && section == Missing)
        return tr("Cells that are empty, NaN or not numbers; training refuses the file while "
                  "any is left");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Column");
    case Min:
        return tr("Min");
    case Max:
        return tr("Max");
    case Mean:
        return tr("Mean");
    case Std:
        return tr("Std");
    case Missing:
        return tr("Missing");
    default:
        return {};
    }
}

} // namespace tb::ui
