#include "ui/runs/RunsPanel.h"

#include "engine/config/ConfigYaml.h"
#include "engine/store/RunStore.h"
#include "engine/store/TestedRun.h"
#include "engine/training/ExperimentSchema.h"
#include "ui/predict/PredictDialog.h"
#include "ui/predict/StartingInput.h"
#include "ui/runs/RunNotesDialog.h"
#include "ui/runs/RunsTableModel.h"
#include "ui/runs/Workspace.h"
#include "ui/theme/GlyphIcons.h"
#include "ui/util/Format.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <map>

namespace tb::ui {
namespace {

/// Runs or files named in a message box, at most: the box grows with its text.
constexpr qsizetype kListedInDialog = 12;

} // namespace

RunsPanel::RunsPanel(Workspace& workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new RunsTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_error(new QLabel(this))
    , m_empty(new QLabel(this))
    , m_compareButton(new QToolButton(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* top = new QHBoxLayout;
    m_filter->setPlaceholderText(tr("Filter runs by name, tag, notes, status, device, \u2026"));
    m_filter->setClearButtonEnabled(true);
    top->addWidget(m_filter, 1);
    m_compareButton->setText(tr("Compare"));
    m_compareButton->setToolTip(tr("Overlay the selected runs' curves and list their metrics "
                                   "and config differences (select two or more runs with "
                                   "Ctrl+click or Shift+click)"));
    m_compareButton->setEnabled(false);
    top->addWidget(m_compareButton);
    auto* refreshButton = new QToolButton(this);
    refreshButton->setIcon(glyphIcon(Glyph::Refresh));
    refreshButton->setToolTip(tr("Read the workspace again"));
    top->addWidget(refreshButton);
    layout->addLayout(top);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RunsTableModel::kSortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterRole(RunsTableModel::kFilterRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RunsTableModel::Id, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // A long name or list of tags is cut (its tooltip has it whole) rather than pushing the
    // status, device and metrics out of view.
    m_view->horizontalHeader()->setMaximumSectionSize(m_view->fontMetrics().averageCharWidth() *
                                                      48);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_view, 1);
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    layout->addWidget(m_error);
    m_empty->setObjectName(QStringLiteral("noRunsYet"));
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    m_empty->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_empty->setVisible(false);
    layout->addWidget(m_empty);

    m_refreshTimer.setInterval(kRefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &RunsPanel::refresh);
    connect(refreshButton, &QToolButton::clicked, this, &RunsPanel::refresh);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_view, &QTableView::clicked, this, [this](const QModelIndex& index) {
        if (index.column() == RunsTableModel::Star)
            toggleStar(runIdAt(index));
    });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.column() != RunsTableModel::Star) // its clicks star and unstar
            Q_EMIT openRunRequested(runIdAt(index));
    });
    connect(m_view, &QTableView::customContextMenuRequested, this, &RunsPanel::showContextMenu);
    QHeaderView* header = m_view->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    // The proxy sorts and filters rows only: its columns are the model's.
    connect(header, &QHeaderView::customContextMenuRequested, this, [this, header](QPoint at) {
        columnMenu(header->logicalIndexAt(at))->exec(header->mapToGlobal(at));
    });
    m_model->setConfigColumns(QSettings().value("runs/configColumns").toStringList());
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_compareButton->setEnabled(selectedRunIds().size() >= 2); });
    connect(m_compareButton, &QToolButton::clicked, this,
            [this] { Q_EMIT compareRunsRequested(selectedRunIds()); });
    connect(&m_workspace, &Workspace::opened, this, &RunsPanel::refresh);
    connect(&m_workspace, &Workspace::runsChanged, this, &RunsPanel::refresh);
}

void RunsPanel::refresh() {
    const tb::engine::RunStore* store = m_workspace.store();
    if (!store)
        return;
    try {
        m_workspace.failAbandonedRuns();
        m_model->setRuns(store->listRuns());
        m_error->setVisible(false);
        showWhetherEmpty();
    } catch (const tb::engine::StoreError& e) {
        m_error->setText(tr("Cannot read the runs: %1").arg(toQString(e.what())));
        m_error->setVisible(true);
    }
}

void RunsPanel::showWhetherEmpty() {
    const bool empty = m_model->rowCount() == 0;
    m_empty->setVisible(empty);
    if (empty)
        m_empty->setText(
            tr("No runs in this workspace yet. Press Train (Ctrl+Return) to train the config on "
               "the left, or from a terminal: trainbench-cli train fashion-mnist-cnn --db %1")
                .arg(m_workspace.path()));
}

void RunsPanel::setConfigColumns(const QStringList& keys) {
    m_model->setConfigColumns(keys);
    QSettings().setValue("runs/configColumns", keys);
}

std::unique_ptr<QMenu> RunsPanel::columnMenu(int section) {
    auto menu = std::make_unique<QMenu>(this);
    const QStringList shown = m_model->configColumns();
    const QString clicked =
        m_model->headerData(section, Qt::Horizontal, Qt::DisplayRole).toString();
    if (shown.contains(clicked))
        menu->addAction(tr("Hide column %1").arg(clicked), this, [this, shown, clicked] {
            QStringList keys = shown;
            keys.removeAll(clicked);
            setConfigColumns(keys);
        });
    QMenu* fields = menu->addMenu(tr("Show config field as column"));
    std::map<QString, QMenu*> sections;
    const QStringList available = m_model->availableConfigColumns();
    for (const QString& key : available) {
        const int dot = key.indexOf(QLatin1Char('.'));
        QMenu*& parent = sections[dot > 0 ? key.left(dot) : QString()];
        if (!parent)
            parent = dot > 0 ? fields->addMenu(key.left(dot)) : fields;
        QAction* action = parent->addAction(key);
        action->setCheckable(true);
        action->setChecked(shown.contains(key));
        connect(action, &QAction::toggled, this, [this, key](bool on) {
            QStringList keys = m_model->configColumns();
            keys.removeAll(key);
            if (on)
                keys << key;
            setConfigColumns(keys);
        });
    }
    fields->setEnabled(!available.isEmpty());
    if (!shown.isEmpty())
        menu->addAction(tr("Hide every config column"), this, [this] { setConfigColumns({}); });
    return menu;
}

qint64 RunsPanel::runIdAt(const QModelIndex& proxyIndex) const {
    return proxyIndex.data(RunsTableModel::kRunIdRole).toLongLong();
}

qint64 RunsPanel::selectedRunId() const {
    const QList<qint64> ids = selectedRunIds();
    return ids.isEmpty() ? 0 : ids.first();
}

QList<qint64> RunsPanel::selectedRunIds() const {
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QList<qint64> ids;
    for (const QModelIndex& row : rows)
        ids << runIdAt(row);
    return ids;
}

void RunsPanel::showContextMenu(const QPoint& position) {
    if (const auto menu = contextMenu(runIdAt(m_view->indexAt(position))))
        menu->exec(m_view->viewport()->mapToGlobal(position));
}

std::unique_ptr<QMenu> RunsPanel::contextMenu(qint64 runId) {
    const tb::engine::RunSummary* summary = m_model->runWithId(runId);
    if (!summary)
        return nullptr;
    auto menu = std::make_unique<QMenu>(this);
    const QList<qint64> selected = selectedRunIds();
    const bool several = selected.size() >= 2 && selected.contains(runId);
    if (several) {
        menu->addAction(tr("Compare %n selected runs", nullptr, static_cast<int>(selected.size())),
                        this, [this, selected] { Q_EMIT compareRunsRequested(selected); });
        menu->addSeparator();
    }
    // The runs of a sweep share its tag: they are compared again from any of them.
    bool anyTagged = false;
    for (const QString& tag : RunsTableModel::tagsOf(summary->run)) {
        const QList<qint64> tagged = m_model->runsTagged(tag);
        if (tagged.size() < 2)
            continue;
        menu->addAction(tr("Compare the %1 runs tagged %2").arg(tagged.size()).arg(tag), this,
                        [this, tagged] { Q_EMIT compareRunsRequested(tagged); });
        anyTagged = true;
    }
    if (anyTagged)
        menu->addSeparator();
    menu->addAction(tr("Open charts"), this, [this, runId] { Q_EMIT openRunRequested(runId); });
    menu->addAction(tr("Clone config into the editor"), this,
                    [this, runId] { cloneConfig(runId); });
    const QString yaml = toQString(summary->run.configYaml);
    if (savedWeights(runId))
        menu->addAction(tr("New run from its weights"), this,
                        [this, runId, yaml] { Q_EMIT startFromWeightsRequested(runId, yaml); });
    // A test's weights are those it tested: they go on to other data and predict as well.
    if (savedWeights(runId) || testedOnly(*summary)) {
        menu->addAction(tr("Test its weights on other data"), this,
                        [this, runId, yaml] { Q_EMIT testWeightsRequested(runId, yaml); });
        menu->addAction(tr("Predict with its weights\u2026"), this,
                        [this, runId] { openPredictDialog(runId); });
    }
    const tb::engine::RunStatus status = summary->run.status;
    if (status == tb::engine::RunStatus::Stopped || status == tb::engine::RunStatus::Failed)
        menu->addAction(tr("Continue training"), this,
                        [this, runId] { Q_EMIT continueRunRequested(runId, 0); });
    if (status == tb::engine::RunStatus::Finished && !testedOnly(*summary))
        menu->addAction(tr("Train longer\u2026"), this, [this, runId] { askForMoreEpochs(runId); });
    menu->addSeparator();
    menu->addAction(summary->run.starred ? tr("Unstar") : tr("Star"), this,
                    [this, runId] { toggleStar(runId); });
    menu->addAction(tr("Notes and tags\u2026"), this, [this, runId] { editNotes(runId); });
    menu->addAction(tr("Export metrics as CSV\u2026"), this,
                    [this, runId] { exportMetrics(runId); });
    menu->addSeparator();
    const QList<qint64> doomed = several ? selected : QList<qint64>{runId};
    menu->addAction(
        several ? tr("Delete %n selected runs\u2026", nullptr, static_cast<int>(doomed.size()))
                : tr("Delete run %1\u2026").arg(runId),
        this, [this, doomed] { confirmAndDelete(doomed); });
    return menu;
}

void RunsPanel::openPredictDialog(qint64 runId) {
    const tb::engine::RunSummary* summary = m_model->runWithId(runId);
    if (!summary)
        return;
    const tb::engine::Config config =
        tb::engine::parseConfigYaml(summary->run.configYaml, tb::engine::experimentSchema()).config;
    auto* dialog = new PredictDialog(
        {m_workspace.path(), runId, tr("Run %1 '%2'").arg(runId).arg(toQString(summary->run.name)),
         toQString(config.getString("data.kind")), startingPredictionInput(config),
         toQString(config.getString("device")), testedOnly(*summary)},
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void RunsPanel::askForMoreEpochs(qint64 runId) {
    const tb::engine::RunSummary* summary = m_model->runWithId(runId);
    if (!summary)
        return;
    const auto trained = static_cast<int>(
        tb::engine::parseConfigYaml(summary->run.configYaml, tb::engine::experimentSchema())
            .config.getInt("train.epochs"));
    bool accepted = false;
    const int epochs = QInputDialog::getInt(
        this, tr("Train run %1 longer").arg(runId),
        tr("Run %1 trained %2. Train it on from its last checkpoint\nto this many epochs in all "
           "(a learning-rate schedule\nover the epochs follows the new count):")
            .arg(runId)
            .arg(countOf(trained, tr("epoch"), tr("epochs"))),
        std::max(2 * trained, trained + 1), trained + 1, 100000, 1, &accepted);
    if (accepted)
        Q_EMIT continueRunRequested(runId, epochs);
}

void RunsPanel::toggleStar(qint64 runId) {
    const tb::engine::RunSummary* summary = m_model->runWithId(runId);
    if (!summary)
        return;
    const tb::engine::RunRecord& run = summary->run;
    QString error;
    if (!m_workspace.setRunNotes(runId, toQString(run.notes), toQString(run.tags), !run.starred,
                                 error))
        QMessageBox::warning(this, tr("Star run %1").arg(runId), error);
}

void RunsPanel::editNotes(qint64 runId) {
    const tb::engine::RunSummary* summary = m_model->runWithId(runId);
    if (!summary)
        return;
    const tb::engine::RunRecord& run = summary->run;
    RunNotesDialog dialog(tr("run %1 \u00b7 %2").arg(runId).arg(toQString(run.name)),
                          toQString(run.notes), RunsTableModel::tagsText(run), run.starred, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!m_workspace.setRunNotes(runId, dialog.notes(), dialog.tags(), dialog.starred(), error))
        QMessageBox::warning(this, tr("Notes on run %1").arg(runId), error);
}

void RunsPanel::confirmAndDelete(const QList<qint64>& runIds) {
    QStringList names;
    for (const qint64 id : runIds)
        if (const auto* summary = m_model->runWithId(id))
            names << tr("%1 \u00b7 %2").arg(id).arg(toQString(summary->run.name));
    const auto answer = QMessageBox::question(
        this, tr("Delete runs"),
        tr("Delete %1 with their metrics, logs and the checkpoints and forecasts they wrote in "
           "this workspace's folder? This cannot be undone.\n\n%2")
            .arg(countOf(runIds.size(), tr("run"), tr("runs")),
                 firstLines(names, kListedInDialog).join(QLatin1Char('\n'))),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    QString error;
    const auto report = m_workspace.deleteRuns(runIds, error);
    if (!report) {
        QMessageBox::warning(this, tr("Delete runs"), error);
        return;
    }
    Q_EMIT runsDeleted(runIds);
    if (!report->problems.empty()) {
        QStringList problems;
        for (const std::string& problem : report->problems)
            problems << toQString(problem);
        QMessageBox::warning(
            this, tr("Delete runs"),
            tr("The runs are deleted, but some of their files are not:\n%1")
                .arg(firstLines(problems, kListedInDialog).join(QLatin1Char('\n'))));
    }
}

void RunsPanel::cloneConfig(qint64 runId) {
    if (const auto* summary = m_model->runWithId(runId))
        Q_EMIT cloneConfigRequested(runId, toQString(summary->run.configYaml));
}

bool RunsPanel::testedOnly(const tb::engine::RunSummary& summary) {
    return tb::engine::testedWeights(summary.run).has_value();
}

/// Whether the run left a checkpoint that a new run can start from.
bool RunsPanel::savedWeights(qint64 runId) const {
    if (!m_workspace.store())
        return false;
    try {
        for (const tb::engine::ArtifactRecord& a : m_workspace.store()->artifacts(runId))
            if ((a.kind == "best" || a.kind == "last") && QFileInfo::exists(toQString(a.path)))
                return true;
    } catch (const tb::engine::StoreError&) {
        // An unreadable workspace offers nothing to start from.
    }
    return false;
}

void RunsPanel::exportMetrics(qint64 runId) {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export metrics"), QStringLiteral("run-%1-metrics.csv").arg(runId),
        tr("CSV files (*.csv)"));
    if (path.isEmpty() || !m_workspace.store())
        return;
    QFile file(path);
    try {
        const std::string csv = m_workspace.store()->exportMetricsCsv(runId);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(csv.data(), static_cast<qint64>(csv.size())) !=
                static_cast<qint64>(csv.size()))
            QMessageBox::warning(this, tr("Export metrics"),
                                 tr("Cannot write %1: %2").arg(path, file.errorString()));
    } catch (const tb::engine::StoreError& e) {
        QMessageBox::warning(this, tr("Export metrics"), toQString(e.what()));
    }
}

void RunsPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh();
    m_refreshTimer.start();
}

void RunsPanel::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    m_refreshTimer.stop();
}

QSize RunsPanel::sizeHint() const {
    return {900, 240};
}

} // namespace tb::ui
