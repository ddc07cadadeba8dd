// The rows of a CSV table for a QTableView.
#pragma once

#include <QAbstractTableModel>
#include <memory>

namespace tb::ui {

struct CsvDataset;

/// Every row of a CsvDataset, the date column first and then the numeric columns in file
/// order. Cells are formatted when the view asks, so 70,000 rows cost nothing until seen.
/// Cells that are not finite numbers show as `NaN` on a warning background. Row headers are
/// 0-based row indices, the numbering of the split borders.
class CsvRowsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setDataset(std::shared_ptr<const CsvDataset> dataset);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVariant cellText(int row, int column) const;

    std::shared_ptr<const CsvDataset> m_dataset;
};

} // namespace tb::ui
