// The runs of a workspace as a table.
#pragma once

#include "engine/store/RunRecord.h"
#include "ui/runs/ConfigColumns.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>
#include <vector>

namespace tb::ui {

/// One row per RunSummary: id, star, name, tags, status, device, start, duration, the config
/// fields chosen as columns, then one column per final metric found in any run (test, then
/// validation, then training metrics). Sorts numerically through kSortRole; kFilterRole is the
/// text a filter matches (the name's cell includes the run's notes). setRuns() keeps rows in
/// place when only values changed, so a periodic refresh does not disturb selection or
/// scrolling.
class RunsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Star, Name, Tags, Status, Device, Started, Duration, FirstConfigColumn };
    static constexpr int kSortRole = Qt::UserRole;
    static constexpr int kRunIdRole = Qt::UserRole + 1;
    static constexpr int kFilterRole = Qt::UserRole + 2;

    explicit RunsTableModel(QObject* parent = nullptr);

    void setRuns(std::vector<tb::engine::RunSummary> runs);
    const tb::engine::RunSummary* runAt(int row) const;
    int rowOfRun(qint64 runId) const;
    /// The listed run `runId`; null when it is not listed.
    const tb::engine::RunSummary* runWithId(qint64 runId) const { return runAt(rowOfRun(runId)); }
    /// A run's tags as the Tags column shows them: `baseline, etth1`.
    static QString tagsText(const tb::engine::RunRecord& run);
    static QStringList tagsOf(const tb::engine::RunRecord& run);
    /// The listed runs that carry `tag` (such as the runs of one sweep), oldest first.
    QList<qint64> runsTagged(const QString& tag) const;
    const QStringList& metricColumns() const { return m_metricNames; }
    int firstMetricColumn() const;

    /// Shows these config fields (`train.batch_size`) as columns, after Duration.
    void setConfigColumns(const QStringList& keys);
    const QStringList& configColumns() const { return m_configColumns.keys(); }
    /// Every config field of the runs listed, to choose columns from.
    QStringList availableConfigColumns();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /// Seconds it trained: its own clock at its end where stored (a continued run's time
    /// standing still left out); while a continued run trains on, its clock when continued
    /// plus the time since; else from start to finish (to now while running); -1 when it
    /// never started.
    static double durationS(const tb::engine::RunRecord& run);

private:
    QVariant displayData(const tb::engine::RunSummary& summary, int column) const;
    QVariant sortData(const tb::engine::RunSummary& summary, int column) const;
    const tb::engine::MetricValue* metric(const tb::engine::RunSummary& summary, int column) const;
    static QStringList metricNamesOf(const std::vector<tb::engine::RunSummary>& runs);

    bool isConfigColumn(int column) const;

    std::vector<tb::engine::RunSummary> m_runs;
    QStringList m_metricNames;
    ConfigColumns m_configColumns;
    QHash<qint64, QString> m_testedWeights; ///< tests of other weights: run id -> model.init_from
};

} // namespace tb::ui
