// The forecasting results grid of the workspace, as a table and as CSV or LaTeX files.
#pragma once

#include "engine/store/ResultsGrid.h"
#include "ui/runs/RunTablePanel.h"

class QPushButton;

namespace tb::ui {

/// The workspace's results grid: a row per dataset and horizon, an MSE and an MAE column per
/// model, each cell "mean ± std" over the runs (seeds), the lowest MSE of a row of several
/// models in bold. "Export CSV…" and "Export LaTeX…" write the grid as
/// tb::engine::resultsCsv and resultsLatex do. Double-clicking a cell asks to open its latest
/// run; its context menu also compares the cell's runs (the seeds behind a mean).
class ResultsPanel : public RunTablePanel {
    Q_OBJECT
public:
    enum class Format { Csv, Latex };
    Q_ENUM(Format)

    explicit ResultsPanel(Workspace& workspace, QWidget* parent = nullptr);

    const tb::engine::ResultsGrid& grid() const { return m_grid; }
    QPushButton* exportCsvButton() const { return m_exportCsv; }
    QPushButton* exportLatexButton() const { return m_exportLatex; }

    /// Writes the grid to `path`; false with `error` naming the file and the cause when it
    /// cannot be written.
    bool exportTo(const QString& path, Format format, QString& error) const;

    /// The context menu of a cell: open its latest run, compare its runs; null for cells
    /// without runs.
    std::unique_ptr<QMenu> contextMenuFor(const QTableWidgetItem& item) override;

protected:
    void read(const tb::engine::RunStore& store) override;
    void fillTable() override;
    QStringList messageLines() const override;

private:
    /// `withVariant`: the table has a Config column after the horizon.
    void fillRow(int tableRow, const tb::engine::ResultsRow& row, bool withVariant);
    void exportWithDialog(Format format);

    tb::engine::ResultsGrid m_grid;
    QPushButton* m_exportCsv;
    QPushButton* m_exportLatex;
};

} // namespace tb::ui
