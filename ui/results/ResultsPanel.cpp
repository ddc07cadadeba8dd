#include "ui/results/ResultsPanel.h"

#include "engine/store/ResultsExport.h"
#include "engine/store/RunStore.h"
#include "ui/runs/Workspace.h"
#include "ui/theme/GlyphIcons.h"
#include "ui/util/Format.h"
#include "ui/util/TableItems.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace tb::ui {

using tb::engine::ResultsCell;
using tb::engine::ResultsGrid;
using tb::engine::ResultsRow;

namespace {

constexpr int kFirstModelColumn = 2;
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
    : QWidget(parent)
    , m_workspace(workspace)
    , m_table(new QTableWidget(this))
    , m_message(new QLabel(this))
    , m_exportCsv(new QPushButton(tr("Export CSV\u2026"), this))
    , m_exportLatex(new QPushButton(tr("Export LaTeX\u2026"), this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* top = new QHBoxLayout;
    auto* title = new QLabel(tr("Test MSE and MAE of finished forecasting runs, mean \u00b1 "
                                "std over seeds; the lowest MSE of each row in bold"),
                             this);
    title->setWordWrap(true);
    top->addWidget(title, 1);
    auto* refreshButton = new QToolButton(this);
    refreshButton->setIcon(glyphIcon(Glyph::Refresh));
    refreshButton->setToolTip(tr("Read the workspace again"));
    top->addWidget(refreshButton);
    m_exportCsv->setToolTip(tr("One line per cell with full precision, for scripts"));
    m_exportLatex->setToolTip(tr("A booktabs table for a paper"));
    top->addWidget(m_exportCsv);
    top->addWidget(m_exportLatex);
    layout->addLayout(top);

    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);

    connect(refreshButton, &QToolButton::clicked, this, &ResultsPanel::refresh);
    connect(m_table, &QTableWidget::itemDoubleClicked, this, [this](QTableWidgetItem* item) {
        const QList<qint64> runs = runIdsOf(*item, kCellRunsRole);
        if (!runs.isEmpty())
            Q_EMIT openRunRequested(runs.last());
    });
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QTableWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        const QTableWidgetItem* item = m_table->itemAt(at);
        if (const auto menu = item ? contextMenuFor(*item) : nullptr)
            menu->exec(m_table->viewport()->mapToGlobal(at));
    });
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { exportWithDialog(Format::Csv); });
    connect(m_exportLatex, &QPushButton::clicked, this,
            [this] { exportWithDialog(Format::Latex); });
    connect(&m_workspace, &Workspace::opened, this, &ResultsPanel::refresh);
    connect(&m_workspace, &Workspace::runsChanged, this, &ResultsPanel::refresh);
    fillTable();
    showMessage();
}

void ResultsPanel::refresh() {
    const tb::engine::RunStore* store = m_workspace.store();
    if (!store)
        return;
    try {
        m_grid = ResultsGrid::fromStore(*store);
        m_readError.clear();
    } catch (const tb::engine::StoreError& e) {
        m_readError = toQString(e.what());
    }
    fillTable();
    showMessage();
}

void ResultsPanel::fillTable() {
    const std::vector<std::string> models = m_grid.models();
    const std::vector<ResultsRow> rows = m_grid.rows();
    QStringList headers{tr("Dataset"), tr("Horizon")};
    for (const std::string& model : models)
        headers << tr("%1 MSE").arg(toQString(model)) << tr("%1 MAE").arg(toQString(model));
    m_table->clear();
    m_table->setColumnCount(static_cast<int>(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < m_table->rowCount(); ++r)
        fillRow(r, rows[static_cast<std::size_t>(r)]);
    m_exportCsv->setEnabled(!m_grid.empty());
    m_exportLatex->setEnabled(!m_grid.empty());
}

void ResultsPanel::fillRow(int tableRow, const ResultsRow& row) {
    m_table->setItem(tableRow, 0, readOnlyItem(toQString(rowLabel(row))));
    m_table->setItem(tableRow, 1, readOnlyItem(QString::number(row.predLen), Qt::AlignRight));
    const std::vector<bool> best = tb::engine::lowestMse(row);
    QFont bold = m_table->font();
    bold.setBold(true);
    for (std::size_t m = 0; m < row.cells.size(); ++m) {
        const int column = kFirstModelColumn + 2 * static_cast<int>(m);
        const ResultsCell* cell = row.cells[m];
        if (cell == nullptr) {
            m_table->setItem(tableRow, column, readOnlyItem(kNoRun, Qt::AlignHCenter));
            m_table->setItem(tableRow, column + 1, readOnlyItem(kNoRun, Qt::AlignHCenter));
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
        m_table->setItem(tableRow, column, mse);
        m_table->setItem(tableRow, column + 1, mae);
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

void ResultsPanel::showMessage() {
    QStringList lines;
    if (!m_readError.isEmpty())
        lines << tr("Cannot read the runs: %1").arg(m_readError);
    else if (m_grid.empty())
        lines << tr("No finished forecasting runs in this workspace yet. Train a forecasting "
                    "preset such as dlinear-etth1-96; the test MSE and MAE of every finished run "
                    "land here, averaged over its seeds.");
    if (!m_grid.skipped().empty())
        lines << tr("Finished forecasting runs left out:");
    for (const std::string& line : m_grid.skipped())
        lines << toQString(line);
    m_message->setText(lines.join('\n'));
    m_message->setVisible(!lines.isEmpty());
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
        QFileInfo(m_workspace.path()).absolutePath() +
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

void ResultsPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh();
}

QSize ResultsPanel::sizeHint() const {
    return {900, 240};
}

} // namespace tb::ui
