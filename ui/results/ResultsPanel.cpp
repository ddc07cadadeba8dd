#include "ui/results/ResultsPanel.h"

#include "engine/store/ResultsExport.h"
#include "ui/runs/Workspace.h"
#include "ui/util/Format.h"
#include "ui/util/TableItems.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <algorithm>

namespace tb::ui {

using tb::engine::ResultsCell;
using tb::engine::ResultsGrid;
using tb::engine::ResultsRow;

namespace {

constexpr int kCellRunsRole = Qt::UserRole; // the cell's run ids (setRunIds)
const QString kNoRun = QStringLiteral("\u2014");

qint64 latestRun(const ResultsCell& cell) {
    return *std::max_element(cell.runIds.begin(), cell.runIds.end());
}

QString meanStdText(const tb::engine::MeanStd& value, int runCount) {
    return toQString(tb::engine::meanStdText(value, runCount, " \u00b1 "));
}

QString runsToolTip(const ResultsCell& cell) {
    QStringList ids;
    QStringList seeds;
    for (std::size_t i = 0; i < cell.runIds.size(); ++i) {
        ids << QString::number(cell.runIds[i]);
        seeds << QString::number(cell.seeds[i]);
    }
    return ResultsPanel::tr("Runs %1 (seeds %2). Double-click to open run %3.")
        .arg(ids.join(QStringLiteral(", ")), seeds.join(QStringLiteral(", ")))
        .arg(latestRun(cell));
}

} // namespace

ResultsPanel::ResultsPanel(Workspace& workspace, QWidget* parent)
    : RunTablePanel(workspace,
                    tr("Test MSE and MAE of finished forecasting runs, mean \u00b1 std over "
                       "seeds; in a row of several models, the lowest MSE in bold"),
                    parent)
    , m_exportCsv(new QPushButton(tr("Export CSV\u2026"), this))
    , m_exportLatex(new QPushButton(tr("Export LaTeX\u2026"), this)) {
    m_exportCsv->setToolTip(tr("One line per cell with full precision, for scripts"));
    m_exportLatex->setToolTip(tr("A booktabs table for a paper"));
    titleRow()->addWidget(m_exportCsv);
    titleRow()->addWidget(m_exportLatex);
    table()->setSelectionBehavior(QAbstractItemView::SelectRows);
    connect(table(), &QTableWidget::itemDoubleClicked, this, [this](QTableWidgetItem* item) {
        const QList<qint64> runs = runIdsOf(*item, kCellRunsRole);
        if (!runs.isEmpty())
            Q_EMIT openRunRequested(runs.last());
    });
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { exportWithDialog(Format::Csv); });
    connect(m_exportLatex, &QPushButton::clicked, this,
            [this] { exportWithDialog(Format::Latex); });
    showRead();
}

void ResultsPanel::read(const tb::engine::RunStore& store) {
    m_grid = ResultsGrid::fromStore(store);
}

void ResultsPanel::fillTable() {
    const std::vector<std::string> models = m_grid.models();
    const std::vector<ResultsRow> rows = m_grid.rows();
    const bool withVariants = std::any_of(
        rows.begin(), rows.end(), [](const ResultsRow& row) { return !row.variant.empty(); });
    QStringList headers{tr("Dataset"), tr("Horizon")};
    if (withVariants)
        headers << tr("Config");
    for (const std::string& model : models)
        headers << tr("%1 MSE").arg(toQString(model)) << tr("%1 MAE").arg(toQString(model));
    table()->clear();
    table()->setColumnCount(static_cast<int>(headers.size()));
    table()->setHorizontalHeaderLabels(headers);
    table()->setRowCount(static_cast<int>(rows.size()));
    if (withVariants)
        table()->horizontalHeaderItem(2)->setToolTip(
            tr("Where a model has runs of several configs on a dataset and horizon, each config "
               "gets a row: the fields in which it differs from the model's others there"));
    for (int r = 0; r < table()->rowCount(); ++r)
        fillRow(r, rows[static_cast<std::size_t>(r)], withVariants);
    m_exportCsv->setEnabled(!m_grid.empty());
    m_exportLatex->setEnabled(!m_grid.empty());
}

void ResultsPanel::fillRow(int tableRow, const ResultsRow& row, bool withVariant) {
    table()->setItem(tableRow, 0, readOnlyItem(toQString(rowLabel(row))));
    table()->setItem(tableRow, 1, readOnlyItem(QString::number(row.predLen), Qt::AlignRight));
    if (withVariant)
        table()->setItem(tableRow, 2, readOnlyItem(toQString(row.variant)));
    const int firstModelColumn = withVariant ? 3 : 2;
    const std::vector<bool> best = tb::engine::lowestMse(row);
    QFont bold = table()->font();
    bold.setBold(true);
    for (std::size_t m = 0; m < row.cells.size(); ++m) {
        const int column = firstModelColumn + 2 * static_cast<int>(m);
        const ResultsCell* cell = row.cells[m];
        if (cell == nullptr) {
            table()->setItem(tableRow, column, readOnlyItem(kNoRun, Qt::AlignHCenter));
            table()->setItem(tableRow, column + 1, readOnlyItem(kNoRun, Qt::AlignHCenter));
            continue;
        }
        QTableWidgetItem* mse =
            readOnlyItem(meanStdText(cell->mse, cell->runCount()), Qt::AlignRight);
        QTableWidgetItem* mae =
            readOnlyItem(meanStdText(cell->mae, cell->runCount()), Qt::AlignRight);
        if (best[m])
            mse->setFont(bold);
        for (QTableWidgetItem* item : {mse, mae}) {
            item->setToolTip(runsToolTip(*cell));
            setRunIds(*item, kCellRunsRole, cell->runIds);
        }
        table()->setItem(tableRow, column, mse);
        table()->setItem(tableRow, column + 1, mae);
    }
}

std::unique_ptr<QMenu> ResultsPanel::contextMenuFor(const QTableWidgetItem& item) {
    const QList<qint64> runs = runIdsOf(item, kCellRunsRole);
    if (runs.isEmpty())
        return nullptr;
    const qint64 latest = runs.last();
    auto menu = std::make_unique<QMenu>(this);
    menu->addAction(tr("Open run %1, the latest").arg(latest), this,
                    [this, latest] { Q_EMIT openRunRequested(latest); });
    if (runs.size() >= 2)
        menu->addAction(tr("Compare its %1 runs").arg(runs.size()), this,
                        [this, runs] { Q_EMIT compareRunsRequested(runs); });
    return menu;
}

QStringList ResultsPanel::messageLines() const {
    QStringList lines;
    if (m_grid.empty())
        lines << tr("No finished forecasting runs in this workspace yet. Train a forecasting "
                    "preset such as dlinear-etth1-96; the test MSE and MAE of every finished run "
                    "land here, averaged over its seeds.");
    if (!m_grid.skipped().empty())
        lines << tr("Finished forecasting runs left out:");
    for (const std::string& line : m_grid.skipped())
        lines << toQString(line);
    return lines;
}

bool ResultsPanel::exportTo(const QString& path, Format format, QString& error) const {
    const std::string text =
        format == Format::Csv ? tb::engine::resultsCsv(m_grid) : tb::engine::resultsLatex(m_grid);
    QSaveFile file(path);
    const auto size = static_cast<qint64>(text.size());
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), size) != size ||
        !file.commit()) {
        error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void ResultsPanel::exportWithDialog(Format format) {
    const bool csv = format == Format::Csv;
    const QString suggested =
        QFileInfo(workspace().path()).absolutePath() +
        (csv ? QStringLiteral("/results.csv") : QStringLiteral("/results.tex"));
    const QString path = QFileDialog::getSaveFileName(
        this, csv ? tr("Export results as CSV") : tr("Export results as LaTeX"), suggested,
        csv ? tr("CSV files (*.csv)") : tr("LaTeX files (*.tex)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, format, error))
        QMessageBox::warning(this, tr("Export results"), error);
}

} // namespace tb::ui
