// The forecasting results grid of the workspace, as a table and as CSV or LaTeX files.
#pragma once

#include "engine/store/ResultsGrid.h"

#include <QList>
#include <QMenu>
#include <QWidget>
#include <memory>

class QLabel;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;

namespace tb::ui {

class Workspace;

/// The workspace's results grid: a row per dataset and horizon, an MSE and an MAE column per
/// model, each cell "mean ± std" over the runs (seeds), the lowest MSE of a row in bold.
/// Re-read when the workspace opens or its runs change, when shown, and on refresh();
/// "Export CSV…" and "Export LaTeX…" write the grid as tb::engine::resultsCsv and
/// resultsLatex do. Double-clicking a cell asks to open its latest run; its context menu also
/// compares the cell's runs (the seeds behind a mean).
class ResultsPanel : public QWidget {
    Q_OBJECT
public:
    enum class Format { Csv, Latex };
    Q_ENUM(Format)

    explicit ResultsPanel(Workspace& workspace, QWidget* parent = nullptr);

    const tb::engine::ResultsGrid& grid() const { return m_grid; }
    QTableWidget* table() const { return m_table; }
    QLabel* messageLabel() const { return m_message; }
    QPushButton* exportCsvButton() const { return m_exportCsv; }
    QPushButton* exportLatexButton() const { return m_exportLatex; }

    /// Writes the grid to `path`; false with `error` naming the file and the cause when it
    /// cannot be written.
    bool exportTo(const QString& path, Format format, QString& error) const;

    /// The context menu of a cell: open its latest run, compare its runs; null for cells
    /// without runs.
    std::unique_ptr<QMenu> contextMenuFor(const QTableWidgetItem& item);

    QSize sizeHint() const override;

public Q_SLOTS:
    /// Re-reads the grid from the workspace.
    void refresh();

Q_SIGNALS:
    /// A cell was double-clicked: the latest of its runs.
    void openRunRequested(qint64 runId);
    /// "Compare" from a cell's context menu: every run of the cell, oldest first.
    void compareRunsRequested(const QList<qint64>& runIds);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void fillTable();
    void fillRow(int tableRow, const tb::engine::ResultsRow& row);
    void showMessage();
    void exportWithDialog(Format format);

    Workspace& m_workspace;
    tb::engine::ResultsGrid m_grid;
    QString m_readError;
    QTableWidget* m_table;
    QLabel* m_message;
    QPushButton* m_exportCsv;
    QPushButton* m_exportLatex;
};

} // namespace tb::ui
