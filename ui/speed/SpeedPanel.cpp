#include "ui/speed/SpeedPanel.h"

#include "engine/store/RunStore.h"
#include "ui/runs/Workspace.h"
#include "ui/theme/GlyphIcons.h"
#include "ui/util/Format.h"
#include "ui/util/TableItems.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
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
    : QWidget(parent)
    , m_workspace(workspace)
    , m_table(new QTableWidget(this))
    , m_message(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* top = new QHBoxLayout;
    auto* title = new QLabel(tr("Median epoch time and throughput of each experiment on every "
                                "device it ran on, and how many times the fastest it takes; "
                                "the fastest in bold"),
                             this);
    title->setWordWrap(true);
    top->addWidget(title, 1);
    auto* refreshButton = new QToolButton(this);
    refreshButton->setIcon(glyphIcon(Glyph::Refresh));
    refreshButton->setToolTip(tr("Read the workspace again"));
    top->addWidget(refreshButton);
    layout->addLayout(top);

    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
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

    connect(refreshButton, &QToolButton::clicked, this, &SpeedPanel::refresh);
    connect(m_table, &QTableWidget::itemDoubleClicked, this,
            [this](QTableWidgetItem* item) { showRuns(runIdsOf(*item, kRowRunsRole)); });
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QTableWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        const QTableWidgetItem* item = m_table->itemAt(at);
        if (const auto menu = item ? contextMenuFor(*item) : nullptr)
            menu->exec(m_table->viewport()->mapToGlobal(at));
    });
    connect(&m_workspace, &Workspace::opened, this, &SpeedPanel::refresh);
    connect(&m_workspace, &Workspace::runsChanged, this, &SpeedPanel::refresh);
    fillTable();
    showMessage();
}

void SpeedPanel::refresh() {
    const tb::engine::RunStore* store = m_workspace.store();
    if (!store)
        return;
    try {
        m_ledger = SpeedLedger::fromStore(*store);
        m_readError.clear();
    } catch (const tb::engine::StoreError& e) {
        m_readError = toQString(e.what());
    }
    fillTable();
    showMessage();
}

void SpeedPanel::fillTable() {
    const std::vector<std::string> devices = m_ledger.devices();
    QStringList headers{tr("Experiment")};
    for (const std::string& device : devices)
        headers << toQString(device);
    m_table->clear();
    m_table->setColumnCount(static_cast<int>(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(static_cast<int>(m_ledger.rows().size()));
    QFont bold = m_table->font();
    bold.setBold(true);
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const SpeedRow& row = m_ledger.rows()[static_cast<std::size_t>(r)];
        std::vector<std::int64_t> rowRuns;
        for (const SpeedCell& cell : row.cells)
            rowRuns.insert(rowRuns.end(), cell.runIds.begin(), cell.runIds.end());
        QTableWidgetItem* label = readOnlyItem(toQString(row.experiment));
        setRunIds(*label, kRowRunsRole, rowRuns);
        m_table->setItem(r, 0, label);
        for (std::size_t d = 0; d < devices.size(); ++d)
            m_table->setItem(r, static_cast<int>(d) + 1, readOnlyItem(kNoRun, Qt::AlignHCenter));
        for (const SpeedCell& cell : row.cells) {
            const auto column = std::find(devices.begin(), devices.end(), cell.device);
            QTableWidgetItem* item = readOnlyItem(cellText(cell), Qt::AlignRight);
            item->setToolTip(cellToolTip(cell));
            setRunIds(*item, kCellRunsRole, cell.runIds);
            setRunIds(*item, kRowRunsRole, rowRuns);
            if (row.cells.size() > 1 && &cell == &row.cells.front())
                item->setFont(bold);
            m_table->setItem(r, static_cast<int>(column - devices.begin()) + 1, item);
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

void SpeedPanel::showMessage() {
    QStringList lines;
    if (!m_readError.isEmpty())
        lines << tr("Cannot read the runs: %1").arg(m_readError);
    else if (m_ledger.empty())
        lines << tr("No finished run has a timed epoch yet. Train an experiment on each device "
                    "you want to compare (trainbench-cli on a GPU or NPU server writes the same "
                    "workspace file; File \u2192 Merge brings its runs here); its epoch times "
                    "land here side by side.");
    if (!m_ledger.skipped().empty())
        lines << tr("Runs left out:");
    for (const std::string& line : m_ledger.skipped())
        lines << toQString(line);
    m_message->setText(lines.join('\n'));
    m_message->setVisible(!lines.isEmpty());
}

void SpeedPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh();
}

QSize SpeedPanel::sizeHint() const {
    return {900, 240};
}

} // namespace tb::ui
