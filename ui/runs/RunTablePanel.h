// The frame of the panels that tabulate the workspace's runs by group (the results grid, the
// speed ledger): a title with a refresh button, the table, and a message under it.
#pragma once

#include <QList>
#include <QMenu>
#include <QStringList>
#include <QWidget>
#include <memory>

class QHBoxLayout;
class QLabel;
class QTableWidget;
class QTableWidgetItem;

namespace tb::engine {
class RunStore;
}

namespace tb::ui {

class Workspace;

/// Re-reads the workspace when it opens or its runs change, when shown, and on refresh(); a
/// store that cannot be read shows its error in the message. A cell's context menu comes from
/// contextMenuFor(). Subclasses read their data in read(), fill the table in fillTable() and
/// say what the message shows in messageLines().
class RunTablePanel : public QWidget {
    Q_OBJECT
public:
    QTableWidget* table() const { return m_table; }
    QLabel* messageLabel() const { return m_message; }

    /// The context menu of a cell; null for items it has nothing for.
    virtual std::unique_ptr<QMenu> contextMenuFor(const QTableWidgetItem& item) = 0;

    QSize sizeHint() const override;

public Q_SLOTS:
    /// Re-reads the table's data from the workspace.
    void refresh();

Q_SIGNALS:
    void openRunRequested(qint64 runId);
    /// Runs to compare, oldest first.
    void compareRunsRequested(const QList<qint64>& runIds);

protected:
    RunTablePanel(Workspace& workspace, const QString& title, QWidget* parent);

    /// Reads what the table shows; throws tb::engine::StoreError when the store cannot be read.
    virtual void read(const tb::engine::RunStore& store) = 0;
    /// Fills the table from what read() last read (nothing before the first read).
    virtual void fillTable() = 0;
    /// The message under the table for what read() last read; none hides it.
    virtual QStringList messageLines() const = 0;

    /// Fills the table and the message; subclasses call it at the end of their constructor.
    void showRead();
    /// The title row, for the panel's own buttons after the refresh button.
    QHBoxLayout* titleRow() const { return m_titleRow; }
    Workspace& workspace() const { return m_workspace; }

    void showEvent(QShowEvent* event) override;

private:
    Workspace& m_workspace;
    QString m_readError;
    QHBoxLayout* m_titleRow;
    QTableWidget* m_table;
    QLabel* m_message;
};

} // namespace tb::ui
