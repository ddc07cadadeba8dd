// Every run of the workspace: sortable, filterable, the way into old runs.
#pragma once

#include <QList>
#include <QTimer>
#include <QWidget>
#include <memory>

class QLabel;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace tb::engine {
struct RunSummary;
}

namespace tb::ui {

class RunsTableModel;
class Workspace;

/// A table over the workspace's runs (RunsTableModel behind a filter), refreshed every
/// kRefreshIntervalMs while visible and whenever refresh() is called (a run ended, a
/// workspace was merged). Double-click opens a run's charts; the context menu also clones
/// its config, stars, tags, annotates, exports or deletes it. Two or more selected runs can
/// be compared or deleted together. A click on a run's star cell stars it. The column
/// headers' menu adds config fields as columns, to sort and filter runs by them.
class RunsPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 5000;

    explicit RunsPanel(Workspace& workspace, QWidget* parent = nullptr);

    RunsTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filter; }
    /// Re-reads the run list from the workspace.
    void refresh();
    /// The selected run's id (the first in table order), 0 when none.
    qint64 selectedRunId() const;
    /// Every selected run's id, in table order.
    QList<qint64> selectedRunIds() const;
    /// The menu of run `runId`'s row (open, clone, start from its weights, continue or train
    /// longer, compare the selection, star, notes, export, delete); null for no run.
    std::unique_ptr<QMenu> contextMenu(qint64 runId);
    /// Stars or unstars a run (clicking its star cell does this too).
    void toggleStar(qint64 runId);
    /// Shows these config fields as columns (`train.amp`, `train.batch_size`) and remembers
    /// them for the next session.
    void setConfigColumns(const QStringList& keys);
    /// The menu of the column headers (model column `section`): every config field of the
    /// runs to show as a column, by section, and hiding them again.
    std::unique_ptr<QMenu> columnMenu(int section);

    QSize sizeHint() const override;

Q_SIGNALS:
    void openRunRequested(qint64 runId);
    void cloneConfigRequested(qint64 runId, const QString& configYaml);
    /// A new run of the run's config that starts from its saved weights (model.init_from).
    void startFromWeightsRequested(qint64 runId, const QString& configYaml);
    /// "Test its weights on other data": the run's config, training no epoch, to edit.
    void testWeightsRequested(qint64 runId, const QString& configYaml);
    /// Train the ended run on from its last checkpoint; `epochs` > 0: to that many in all.
    void continueRunRequested(qint64 runId, qint64 epochs);
    void compareRunsRequested(const QList<qint64>& runIds);
    /// Runs were deleted from the workspace: views showing them let go of them.
    void runsDeleted(const QList<qint64>& runIds);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    /// A workspace with no run yet says how to start one.
    void showWhetherEmpty();
    void showContextMenu(const QPoint& position);
    void cloneConfig(qint64 runId);
    bool savedWeights(qint64 runId) const;
    /// A finished run that trained no epoch: it tested model.init_from's weights.
    static bool testedOnly(const tb::engine::RunSummary& summary);
    void askForMoreEpochs(qint64 runId);
    void openPredictDialog(qint64 runId);
    void exportMetrics(qint64 runId);
    void editNotes(qint64 runId);
    void confirmAndDelete(const QList<qint64>& runIds);
    qint64 runIdAt(const QModelIndex& proxyIndex) const;

    Workspace& m_workspace;
    RunsTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLineEdit* m_filter;
    QTableView* m_view;
    QLabel* m_error;
    QLabel* m_empty; ///< what to do in a workspace with no run yet
    QToolButton* m_compareButton;
    QTimer m_refreshTimer;
};

} // namespace tb::ui
