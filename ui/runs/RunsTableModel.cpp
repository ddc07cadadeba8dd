#include "ui/runs/RunsTableModel.h"

#include "engine/store/RunComparison.h"
#include "engine/store/TestedRun.h"
#include "ui/theme/AccentColors.h"
#include "ui/util/Format.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QIcon>
#include <QPainter>
#include <QPixmap>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace tb::ui {

using tb::engine::RunStatus;
using tb::engine::RunSummary;

namespace {

QDateTime parseUtc(const std::string& iso) {
    QDateTime t = QDateTime::fromString(toQString(iso), Qt::ISODate);
    t.setTimeSpec(Qt::UTC);
    return t;
}

QColor statusColor(RunStatus status) {
    switch (status) {
    case RunStatus::Finished:
        return accent::kGood;
    case RunStatus::Running:
        return accent::kBusy;
    case RunStatus::Paused:
        return accent::kPaused;
    case RunStatus::Failed:
        return accent::kProblem;
    case RunStatus::Stopped:
    case RunStatus::Created:
        break;
    }
    return accent::kQuiet;
}

QIcon paintStatusIcon(RunStatus status) {
    QPixmap dot(12, 12);
    dot.fill(Qt::transparent);
    QPainter painter(&dot);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(statusColor(status));
    painter.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return QIcon(dot);
}

const QIcon& statusIcon(RunStatus status) {
    static const std::map<RunStatus, QIcon> icons = [] {
        std::map<RunStatus, QIcon> m;
        for (RunStatus s : {RunStatus::Created, RunStatus::Running, RunStatus::Paused,
                            RunStatus::Finished, RunStatus::Stopped, RunStatus::Failed})
            m[s] = paintStatusIcon(s);
        return m;
    }();
    return icons.at(status);
}

bool sameRows(const std::vector<RunSummary>& a, const std::vector<RunSummary>& b) {
    return std::equal(
        a.begin(), a.end(), b.begin(), b.end(),
        [](const RunSummary& x, const RunSummary& y) { return x.run.id == y.run.id; });
}

bool sameMetrics(const std::vector<tb::engine::MetricValue>& a,
                 const std::vector<tb::engine::MetricValue>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.name == y.name &&
               (x.value == y.value || (std::isnan(x.value) && std::isnan(y.value)));
    });
}

/// Whether run `a`'s row reads as run `b`'s. A run still going is never the same: its
/// duration grows.
bool sameRow(const RunSummary& a, const RunSummary& b) {
    const tb::engine::RunRecord& x = a.run;
    const tb::engine::RunRecord& y = b.run;
    if (!hasEnded(x.status))
        return false;
    return std::tie(x.name, x.status, x.statusReason, x.startedAt, x.finishedAt, x.device,
                    x.deviceName, x.configYaml, x.runSeconds, x.resumedAt, x.notes, x.tags,
                    x.starred) == std::tie(y.name, y.status, y.statusReason, y.startedAt,
                                           y.finishedAt, y.device, y.deviceName, y.configYaml,
                                           y.runSeconds, y.resumedAt, y.notes, y.tags, y.starred) &&
           sameMetrics(a.finalMetrics, b.finalMetrics);
}

} // namespace

RunsTableModel::RunsTableModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void RunsTableModel::setRuns(std::vector<RunSummary> runs) {
    if (!m_configColumns.keys().isEmpty())
        m_configColumns.read(runs);
    m_testedWeights.clear();
    for (const RunSummary& summary : runs)
        if (const std::optional<std::string> weights = tb::engine::testedWeights(summary.run))
            m_testedWeights.insert(summary.run.id, toQString(*weights));
    QStringList metricNames = metricNamesOf(runs);
    if (metricNames == m_metricNames && sameRows(runs, m_runs)) {
        // Only the rows that changed: a view that fits its columns to their contents measures
        // the rows it is told of, and a workspace of 2,000 runs is read again every 5 s.
        std::vector<int> changed;
        for (std::size_t row = 0; row < runs.size(); ++row)
            if (!sameRow(runs[row], m_runs[row]))
                changed.push_back(static_cast<int>(row));
        m_runs = std::move(runs);
        for (const int row : changed)
            Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
        return;
    }
    beginResetModel();
    m_runs = std::move(runs);
    m_metricNames = std::move(metricNames);
    endResetModel();
}

void RunsTableModel::setConfigColumns(const QStringList& keys) {
    if (keys == m_configColumns.keys())
        return;
    beginResetModel();
    m_configColumns.setKeys(keys);
    m_configColumns.read(m_runs);
    endResetModel();
}

QStringList RunsTableModel::availableConfigColumns() {
    return m_configColumns.availableKeys(m_runs);
}

int RunsTableModel::firstMetricColumn() const {
    return FirstConfigColumn + static_cast<int>(m_configColumns.keys().size());
}

bool RunsTableModel::isConfigColumn(int column) const {
    return column >= FirstConfigColumn && column < firstMetricColumn();
}

QStringList RunsTableModel::metricNamesOf(const std::vector<RunSummary>& runs) {
    std::set<QString> names;
    for (const RunSummary& summary : runs) {
        for (const tb::engine::MetricValue& m : summary.finalMetrics)
            names.insert(toQString(m.name));
    }
    QStringList sorted(names.begin(), names.end());
    std::sort(sorted.begin(), sorted.end(), [](const QString& a, const QString& b) {
        return tb::engine::metricShownBefore(a.toStdString(), b.toStdString());
    });
    return sorted;
}

const RunSummary* RunsTableModel::runAt(int row) const {
    return row >= 0 && row < rowCount() ? &m_runs[static_cast<std::size_t>(row)] : nullptr;
}

int RunsTableModel::rowOfRun(qint64 runId) const {
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        if (m_runs[i].run.id == runId)
            return static_cast<int>(i);
    }
    return -1;
}

int RunsTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

int RunsTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : firstMetricColumn() + static_cast<int>(m_metricNames.size());
}

QString RunsTableModel::tagsText(const tb::engine::RunRecord& run) {
    return tagsOf(run).join(QStringLiteral(", "));
}

QStringList RunsTableModel::tagsOf(const tb::engine::RunRecord& run) {
    return toQString(run.tags).split(QLatin1Char(','), Qt::SkipEmptyParts);
}

QList<qint64> RunsTableModel::runsTagged(const QString& tag) const {
    QList<qint64> ids;
    for (const tb::engine::RunSummary& summary : m_runs)
        if (tagsOf(summary.run).contains(tag))
            ids.append(summary.run.id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

double RunsTableModel::durationS(const tb::engine::RunRecord& run) {
    if (hasEnded(run.status) && run.runSeconds > 0.0)
        return run.runSeconds;
    if (!hasEnded(run.status) && !run.resumedAt.empty()) {
        const QDateTime resumed = parseUtc(run.resumedAt);
        if (resumed.isValid())
            return run.runSeconds +
                   static_cast<double>(resumed.msecsTo(QDateTime::currentDateTimeUtc())) / 1000.0;
    }
    if (run.startedAt.empty())
        return -1.0;
    const QDateTime started = parseUtc(run.startedAt);
    const QDateTime finished =
        run.finishedAt.empty() ? QDateTime::currentDateTimeUtc() : parseUtc(run.finishedAt);
    if (!started.isValid() || !finished.isValid())
        return -1.0;
    return static_cast<double>(started.msecsTo(finished)) / 1000.0;
}

const tb::engine::MetricValue* RunsTableModel::metric(const RunSummary& summary, int column) const {
    const std::string name = m_metricNames.value(column - firstMetricColumn()).toStdString();
    for (const tb::engine::MetricValue& m : summary.finalMetrics) {
        if (m.name == name)
            return &m;
    }
    return nullptr;
}

QVariant RunsTableModel::data(const QModelIndex& index, int role) const {
    const RunSummary* summary = runAt(index.row());
    if (!summary)
        return {};
    const tb::engine::RunRecord& run = summary->run;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(*summary, index.column());
    case kSortRole:
        return sortData(*summary, index.column());
    case kRunIdRole:
        return QVariant::fromValue<qint64>(run.id);
    case kFilterRole:
        return index.column() == Name && !run.notes.empty()
                   ? displayData(*summary, Name).toString() + QLatin1Char('\n') +
                         toQString(run.notes)
                   : displayData(*summary, index.column());
    case Qt::ForegroundRole:
        if (index.column() != Star)
            return {};
        // An outline in grey where a click would star the run.
        return run.starred ? accent::kPaused : accent::kQuiet;
    case Qt::DecorationRole:
        return index.column() == Status ? QVariant(statusIcon(run.status)) : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == Status && !run.statusReason.empty())
            return toQString(run.statusReason);
        if (index.column() == Status && m_testedWeights.contains(run.id))
            return tr("Trained no epoch: it tested the weights of %1")
                .arg(m_testedWeights.value(run.id));
        if (index.column() == Tags && !run.tags.empty())
            return displayData(*summary, Tags);
        if (index.column() == Device && !run.deviceName.empty())
            return toQString(run.deviceName);
        if (index.column() == Star)
            return run.starred ? tr("Starred: click to unstar") : tr("Click to star");
        if (index.column() == Name) {
            const QString where = tr("%1 on %2, seed %3, LibTorch %4")
                                      .arg(toQString(run.name), toQString(run.host))
                                      .arg(run.seed)
                                      .arg(toQString(run.torchVersion));
            return run.notes.empty() ? where
                                     : where + QStringLiteral("\n\n") + toQString(run.notes);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Star)
            return QVariant(Qt::AlignCenter);
        return index.column() == Id || index.column() == Duration ||
                       index.column() >= firstMetricColumn()
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant RunsTableModel::displayData(const RunSummary& summary, int column) const {
    const tb::engine::RunRecord& run = summary.run;
    switch (column) {
    case Id:
        return QVariant::fromValue<qint64>(run.id);
    case Star:
        return run.starred ? QStringLiteral("\u2605") : QStringLiteral("\u2606");
    case Name:
        return toQString(run.name);
    case Tags:
        return tagsText(run);
    case Status:
        // A test of other weights beside a training of the same config: told apart.
        return m_testedWeights.contains(run.id)
                   ? QString::fromUtf8(tb::engine::kTestedStatus)
                   : QString::fromUtf8(tb::engine::toString(run.status));
    case Device:
        return toQString(run.device);
    case Started: {
        const std::string& when = run.startedAt.empty() ? run.createdAt : run.startedAt;
        return parseUtc(when).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    case Duration:
        return formatDuration(durationS(run));
    default:
        if (isConfigColumn(column))
            return m_configColumns.value(run, column - FirstConfigColumn);
        if (const auto* m = metric(summary, column))
            return formatMetric(m->value);
        return {};
    }
}

QVariant RunsTableModel::sortData(const RunSummary& summary, int column) const {
    const tb::engine::RunRecord& run = summary.run;
    switch (column) {
    case Id:
        return QVariant::fromValue<qint64>(run.id);
    case Started:
        return toQString(run.startedAt.empty() ? run.createdAt : run.startedAt);
    case Duration:
        return durationS(run);
    case Star:
        return run.starred;
    case Name:
    case Tags:
    case Status:
    case Device:
        return displayData(summary, column);
    default:
        if (isConfigColumn(column)) {
            // Numbers as numbers: a batch size of 64 sorts before 256.
            const QString text = m_configColumns.value(run, column - FirstConfigColumn);
            bool isNumber = false;
            const double number = text.toDouble(&isNumber);
            return isNumber ? QVariant(number) : QVariant(text);
        }
        if (const auto* m = metric(summary, column))
            return m->value;
        return {};
    }
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole)
        return isConfigColumn(section)
                   ? tr("Config field %1; right-click a header to choose the config columns")
                         .arg(m_configColumns.keys().value(section - FirstConfigColumn))
                   : tr("Right-click a header to show config fields as columns");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id:
        return tr("Run");
    case Star:
        return QStringLiteral("\u2605");
    case Name:
        return tr("Name");
    case Tags:
        return tr("Tags");
    case Status:
        return tr("Status");
    case Device:
        return tr("Device");
    case Started:
        return tr("Started");
    case Duration:
        return tr("Duration");
    default:
        if (isConfigColumn(section))
            return m_configColumns.keys().value(section - FirstConfigColumn);
        return m_metricNames.value(section - firstMetricColumn());
    }
}

} // namespace tb::ui
