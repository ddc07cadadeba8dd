// The cross-device speed ledger of the workspace: each experiment's typical epoch on every
// device it ran on.
#pragma once

#include "engine/store/SpeedLedger.h"
#include "ui/runs/RunTablePanel.h"

namespace tb::ui {

/// A row per experiment (runs whose configs differ only in what leaves an epoch's work
/// unchanged), a column per device (and host, when the workspace holds runs of several), each
/// cell the median epoch time and throughput of the experiment's runs there, with how many
/// times the row's fastest it takes; the fastest in bold. Double-clicking a cell compares the
/// row's runs on every device (or opens the one run); its context menu also compares or opens
/// the cell's own runs.
class SpeedPanel : public RunTablePanel {
    Q_OBJECT
public:
    explicit SpeedPanel(Workspace& workspace, QWidget* parent = nullptr);

    const tb::engine::SpeedLedger& ledger() const { return m_ledger; }

    /// The context menu of a cell: compare or open its runs, compare the row's runs on every
    /// device; null for items without runs.
    std::unique_ptr<QMenu> contextMenuFor(const QTableWidgetItem& item) override;

protected:
    void read(const tb::engine::RunStore& store) override;
    void fillTable() override;
    QStringList messageLines() const override;

private:
    /// Compares `runs`, or opens the one run.
    void showRuns(const QList<qint64>& runs);

    tb::engine::SpeedLedger m_ledger;
};

} // namespace tb::ui
