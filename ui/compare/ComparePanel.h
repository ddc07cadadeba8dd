// Several runs side by side: their curves overlaid, their final metrics and config differences.
#pragma once

#include "engine/store/RunComparison.h"

#include <QList>
#include <QWidget>
#include <memory>
#include <vector>

class QCheckBox;
class QLabel;
class QTableWidget;

namespace tb::ui {

class ChartPanel;
class RunTrace;
class Workspace;

/// Compares runs of the workspace: a table with a column per run (final metrics, the best of
/// each marked, then the config fields that differ, or every field) above the runs' curves
/// overlaid, a chart per metric and split, a colour per run. What it shows is read when
/// compare() or reload() is called: a run still training is shown as far as it has got.
class ComparePanel : public QWidget {
    Q_OBJECT
public:
    explicit ComparePanel(Workspace& workspace, QWidget* parent = nullptr);
    ~ComparePanel() override;

    /// Reads `runIds` from the workspace and shows them in that order; an unreadable run
    /// leaves a message naming it instead.
    void compare(const QList<qint64>& runIds);
    /// Reads the same runs again.
    void reload();

    const QList<qint64>& runIds() const { return m_runIds; }
    QTableWidget* table() const { return m_table; }
    ChartPanel* chartPanel() const { return m_charts; }
    /// Whether the table lists every config field, not only those that differ.
    void setShowEveryField(bool on);

protected:
    void changeEvent(QEvent* event) override;

private:
    void fillTable();
    void addSectionRow(const QString& title);
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
};

} // namespace tb::ui
