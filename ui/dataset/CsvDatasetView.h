// A time-series CSV table: its shape, a column over time with the split, statistics, rows.
#pragma once

#include "engine/data/csv/CsvSplitPlan.h"
#include "ui/dataset/CsvSplitRegions.h"

#include <QWidget>
#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QTableView;
class QTabWidget;

namespace tb::ui {

class TitleLabel;
class ColumnStatsModel;
class CsvColumnPlot;
class CsvRowsModel;
class SplitBar;
struct CsvDataset;

/// Shows one CsvDataset: a header line (file, rows, columns, date range, row spacing), the
/// chosen column over time with the train / validation / test rows shaded as the engine will
/// cut them (data.split, data.seq_len) and counted in a bar underneath, and beside it the
/// statistics of every column and the rows themselves. The column defaults to data.target;
/// picking a row of the statistics picks its column too.
class CsvDatasetView : public QWidget {
    Q_OBJECT
public:
    explicit CsvDatasetView(QWidget* parent = nullptr);
    ~CsvDatasetView() override;

    void setDataset(std::shared_ptr<const CsvDataset> dataset);
    /// The config's data.* fields: the split to shade and the target column.
    void setSplitOptions(const tb::engine::CsvSplitOptions& options);

    /// `ETTh1.csv — 17,420 rows × 7 columns — 2016-07-01 00:00:00 to ... — hourly`
    QString title() const;
    /// The shaded regions, in rows; empty when the split cannot be made (see splitProblem()).
    const std::vector<CsvSplitRegion>& splitRegions() const { return m_regions; }
    /// Why the split is not shown or would not train, from the engine's checks; or empty.
    QString splitProblem() const;

    QComboBox* columnChooser() const { return m_column; }
    CsvColumnPlot* plot() const { return m_plot; }
    CsvRowsModel* rows() const { return m_rows; }
    ColumnStatsModel* stats() const { return m_stats; }
    QTabWidget* tables() const { return m_tables; }
    QTableView* statsView() const { return m_statsView; }

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* createPlotPane();
    void applyTextColors();
    void showColumn();
    void updateSplit();
    QString splitDescription() const;

    std::shared_ptr<const CsvDataset> m_dataset;
    tb::engine::CsvSplitOptions m_options;
    std::vector<CsvSplitRegion> m_regions;
    TitleLabel* m_title;
    QComboBox* m_column;
    QLabel* m_missing;
    QLabel* m_splitNote;
    CsvColumnPlot* m_plot;
    SplitBar* m_splitBar;
    QLabel* m_splitProblem;
    QTabWidget* m_tables;
    QTableView* m_statsView;
    ColumnStatsModel* m_stats;
    QTableView* m_rowsView;
    CsvRowsModel* m_rows;
};

} // namespace tb::ui
