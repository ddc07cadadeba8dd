#include "ui/speed/SpeedPanel.h"

#include "ui/util/Format.h"
#include "ui/util/TableItems.h"

#include <QTableWidget>
#include <algorithm>

namespace tb::ui {

using tb::engine::SpeedCell;
using tb::engine::SpeedLedger;
using tb::engine::SpeedRow;

namespace {

constexpr int kCellRunsRole = Qt::UserRole;    // the cell's run ids (setRunIds)
constexpr int kRowRunsRole = Qt::UserRole + 1; // the row's run ids on every device
const QString kNoRun = QStringLiteral("\u2014");

/// Three significant digits below a minute (`2.31 s`, `26.3 s`), minutes and hours above.
QString epochText(double seconds) {
    return seconds < 59.5 ? QStringLiteral("%1 s").arg(QString::number(seconds, 'g', 3))
                          : formatDuration(seconds);
}

QString cellText(const SpeedCell& cell) {
    QString text = epochText(cell.epochSeconds);
    if (cell.samplesPerSec > 0)
        text += QStringLiteral(" \u00b7 ") + formatRate(cell.samplesPerSec);
    if (cell.timesFastest > 1.0)
        text += QStringLiteral(" \u00b7 \u00d7%1").arg(QString::number(cell.timesFastest, 'g', 3));
    return text;
}

QString cellToolTip(const SpeedCell& cell) {
    std::vector<std::int64_t> sorted = cell.runIds;
    std::sort(sorted.begin(), sorted.end());
    QStringList ids;
    for (const std::int64_t id : sorted)
        ids << QString::number(id);
    const QString speed = cell.timesFastest > 1.0
                              ? SpeedPanel::tr("%1 times as long as the fastest device")
                                    .arg(QString::number(cell.timesFastest, 'g', 3))
                              : SpeedPanel::tr("the fastest device for this experiment");
    return SpeedPanel::tr("%1 on %2, run(s) %3: the median epoch, first epochs left out "
                          "(warm-up); %4.\nDouble-click to compare the experiment's runs on "
                          "every device.")
        .arg(epochText(cell.epochSeconds), toQString(cell.device), ids.join(QStringLiteral(", ")),
             speed);
}

} // namespace

SpeedPanel::SpeedPanel(Workspace& workspace, QWidget* parent)
    : RunTablePanel(workspace,
                    tr("Median epoch time and throughput of each experiment on every device it "
                       "ran on, and how many times the fastest it takes; the fastest in bold"),
                    parent) {
    connect(table(), &QTableWidget::itemDoubleClicked, this,
            [this](QTableWidgetItem* item) { showRuns(runIdsOf(*item, kRowRunsRole)); });
    showRead();
}

void SpeedPanel::read(const tb::engine::RunStore& store) {
    m_ledger = SpeedLedger::fromStore(store);
}

void SpeedPanel::fillTable() {
    const std::vector<std::string> devices = m_ledger.devices();
    QStringList headers{tr("Experiment")};
    for (const std::string& device : devices)
        headers << toQString(device);
    table()->clear();
    table()->setColumnCount(static_cast<int>(headers.size()));
    table()->setHorizontalHeaderLabels(headers);
    table()->setRowCount(static_cast<int>(m_ledger.rows().size()));
    QFont bold = table()->font();
    bold.setBold(true);
    for (int r = 0; r < table()->rowCount(); ++r) {
        const SpeedRow& row = m_ledger.rows()[static_cast<std::size_t>(r)];
        std::vector<std::int64_t> rowRuns;
        for (const SpeedCell& cell : row.cells)
            rowRuns.insert(rowRuns.end(), cell.runIds.begin(), cell.runIds.end());
        QTableWidgetItem* label = readOnlyItem(toQString(row.experiment));
        setRunIds(*label, kRowRunsRole, rowRuns);
        table()->setItem(r, 0, label);
        for (std::size_t d = 0; d < devices.size(); ++d)
            table()->setItem(r, static_cast<int>(d) + 1, readOnlyItem(kNoRun, Qt::AlignHCenter));
        for (const SpeedCell& cell : row.cells) {
            const auto column = std::find(devices.begin(), devices.end(), cell.device);
            QTableWidgetItem* item = readOnlyItem(cellText(cell), Qt::AlignRight);
            item->setToolTip(cellToolTip(cell));
            setRunIds(*item, kCellRunsRole, cell.runIds);
            setRunIds(*item, kRowRunsRole, rowRuns);
            if (row.cells.size() > 1 && &cell == &row.cells.front())
                item->setFont(bold);
            table()->setItem(r, static_cast<int>(column - devices.begin()) + 1, item);
        }
    }
}

std::unique_ptr<QMenu> SpeedPanel::contextMenuFor(const QTableWidgetItem& item) {
    const QList<qint64> cellRuns = runIdsOf(item, kCellRunsRole);
    const QList<qint64> rowRuns = runIdsOf(item, kRowRunsRole);
    if (rowRuns.isEmpty())
        return nullptr;
    auto menu = std::make_unique<QMenu>(this);
    if (cellRuns.size() == 1)
        menu->addAction(tr("Open run %1").arg(cellRuns.first()), this,
                        [this, cellRuns] { Q_EMIT openRunRequested(cellRuns.first()); });
    else if (cellRuns.size() > 1)
        menu->addAction(tr("Compare its %1 runs on this device").arg(cellRuns.size()), this,
                        [this, cellRuns] { Q_EMIT compareRunsRequested(cellRuns); });
    if (rowRuns.size() > cellRuns.size() && rowRuns.size() > 1)
        menu->addAction(tr("Compare the experiment's %1 runs on every device").arg(rowRuns.size()),
                        this, [this, rowRuns] { Q_EMIT compareRunsRequested(rowRuns); });
    return menu->isEmpty() ? nullptr : std::move(menu);
}

void SpeedPanel::showRuns(const QList<qint64>& runs) {
    if (runs.size() == 1)
        Q_EMIT openRunRequested(runs.first());
    else if (runs.size() > 1)
        Q_EMIT compareRunsRequested(runs);
}

QStringList SpeedPanel::messageLines() const {
    QStringList lines;
    if (m_ledger.empty())
        lines << tr("No finished run has a timed epoch yet. Train an experiment on each device "
                    "you want to compare (trainbench-cli on a GPU or NPU server writes the same "
                    "workspace file; File \u2192 Merge brings its runs here); its epoch times "
                    "land here side by side.");
    if (!m_ledger.skipped().empty())
        lines << tr("Runs left out:");
    for (const std::string& line : m_ledger.skipped())
        lines << toQString(line);
    return lines;
}

} // namespace tb::ui
