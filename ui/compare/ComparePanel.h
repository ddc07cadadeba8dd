// Several runs side by side: their curves overlaid, their final metrics and config differences.
#pragma once

#include "engine/store/RunComparison.h"

#include <QList>
#include <QTimer>
#include <QWidget>
#include <memory>
#include <vector>

class QCheckBox;
class QLabel;
class QTableWidget;
class QToolButton;

namespace tb::ui {

class ChartPanel;
class RunTrace;
class Workspace;

/// Compares runs of the workspace: a table with a column per run (final metrics, the best of
/// each marked, then the config fields that differ, or every field) above the runs' curves
/// overlaid, a chart per metric and split, a colour per run. A compared run still training
/// (here or in another program writing to the workspace) is followed: read again every
/// kFollowIntervalMs or more while the panel is shown, the charts keeping the user's zoom.
class ComparePanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kFollowIntervalMs = 2000;

    explicit ComparePanel(Workspace& workspace, QWidget* parent = nullptr);
    ~ComparePanel() override;

    /// Reads `runIds` from the workspace and shows them in that order; an unreadable run
    /// leaves a message naming it instead.
    void compare(const QList<qint64>& runIds);
    /// Reads the same runs again, from scratch.
    void reload();
    /// Reads the compared runs still training again (charts keep their zoom), now rather than
    /// at the next tick; stops following those that have ended.
    void followLiveRuns();
    /// Whether a compared run is still training, and so followed.
    bool following() const { return m_followTimer.isActive(); }

    const QList<qint64>& runIds() const { return m_runIds; }
    QTableWidget* table() const { return m_table; }
    ChartPanel* chartPanel() const { return m_charts; }
    /// Whether the table lists every config field, not only those that differ.
    void setShowEveryField(bool on);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    QToolButton* copyButton();
    void followIfLive(qint64 lastReadMs);
    void fillTable();
    void refillTableKeepingView();
    void addSectionRow(const QString& title);
    void addSpeedRows();
    void addMetricRows(const std::vector<tb::engine::ComparedMetric>& metrics);
    void addRow(const QString& key, const QStringList& cells, int bestColumn, bool differs);
    void showMessage(const QString& text);

    Workspace& m_workspace;
    QList<qint64> m_runIds;
    tb::engine::RunComparison m_comparison;
    std::vector<std::unique_ptr<RunTrace>> m_traces;
    QLabel* m_message;
    QCheckBox* m_everyField;
    QTableWidget* m_table;
    ChartPanel* m_charts;
    QTimer m_followTimer;
};

} // namespace tb::ui
