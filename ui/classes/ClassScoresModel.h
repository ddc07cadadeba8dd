// The scores of every class of a classifier's test split, for a QTableView.
#pragma once

#include <QAbstractTableModel>

namespace tb::engine {
class ConfusionMatrix;
}

namespace tb::ui {

/// One row per class, in the matrix's order (row r is class r): its test images, precision,
/// recall and F1, and the class it is most often taken for with how often. Sorts numerically
/// through kSortRole.
class ClassScoresModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Images, Precision, Recall, F1, TakenFor, ColumnCount };
    static constexpr int kSortRole = Qt::UserRole;

    using QAbstractTableModel::QAbstractTableModel;

    /// Lists the classes of `matrix` (not owned: the caller keeps it alive while shown; null
    /// lists none).
    void setMatrix(const tb::engine::ConfusionMatrix* matrix);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString name(int c) const;
    QVariant displayText(int c, int column) const;
    QVariant sortValue(int c, int column) const;
    QVariant toolTip(int c, int column) const;

    const tb::engine::ConfusionMatrix* m_matrix = nullptr;
};

} // namespace tb::ui
