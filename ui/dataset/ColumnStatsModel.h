// Per-column statistics of a CSV table for a QTableView.
#pragma once

#include "engine/data/csv/ColumnStats.h"

#include <QAbstractTableModel>
#include <QString>
#include <vector>

namespace tb::ui {

/// One row per numeric column: name, min, max, mean, standard deviation (population) and the
/// count of missing cells, which shows in the warning colour when not zero. The target
/// column's name is bold.
class ColumnStatsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Min, Max, Mean, Std, Missing, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setStats(std::vector<tb::engine::ColumnStats> stats);
    void setTarget(const QString& target);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVariant displayText(const tb::engine::ColumnStats& stats, int column) const;

    std::vector<tb::engine::ColumnStats> m_stats;
    QString m_target;
};

} // namespace tb::ui
