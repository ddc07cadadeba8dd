// The cross-device speed ledger of the workspace: each experiment's typical epoch on every
// device it ran on.
#pragma once

#include "engine/store/SpeedLedger.h"

#include <QList>
#include <QMenu>
#include <QWidget>
#include <memory>

class QLabel;
class QTableWidget;
class QTableWidgetItem;

namespace tb::ui {

class Workspace;

/// A row per experiment (runs whose configs differ only in what leaves an epoch's work
/// unchanged), a column per device (and host, when the workspace holds runs of several), each
/// cell the median epoch time and throughput of the experiment's runs there, with how many
/// times the row's fastest it takes; the fastest in bold. Re-read when the workspace opens or
/// its runs change, when shown, and on refresh(). Double-clicking a cell compares the row's
/// runs on every device (or opens the one run); its context menu also compares or opens the
/// cell's own runs.
class SpeedPanel : public QWidget {
    Q_OBJECT
public:
    explicit SpeedPanel(Workspace& workspace, QWidget* parent = nullptr);

    const tb::engine::SpeedLedger& ledger() const { return m_ledger; }
    QTableWidget* table() const { return m_table; }
    QLabel* messageLabel() const { return m_message; }

    /// The context menu of a cell: compare or open its runs, compare the row's runs on every
    /// device; null for items without runs.
    std::unique_ptr<QMenu> contextMenuFor(const QTableWidgetItem& item);

    QSize sizeHint() const override;

public Q_SLOTS:
    /// Re-reads the ledger from the workspace.
    void refresh();

Q_SIGNALS:
    void openRunRequested(qint64 runId);
    /// Runs to compare, oldest first.
    void compareRunsRequested(const QList<qint64>& runIds);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void fillTable();
    void showMessage();
    /// Compares `runs`, or opens the one run.
    void showRuns(const QList<qint64>& runs);

    Workspace& m_workspace;
    tb::engine::SpeedLedger m_ledger;
    QString m_readError;
    QTableWidget* m_table;
    QLabel* m_message;
};

} // namespace tb::ui
