#include "ui/main/MainWindow.h"

#include "engine/config/ConfigYaml.h"
#include "engine/store/RunStore.h"
#include "engine/training/ExperimentSchema.h"
#include "ui/charts/ChartPanel.h"
#include "ui/classes/ClassesPanel.h"
#include "ui/compare/ComparePanel.h"
#include "ui/config/ConfigDocument.h"
#include "ui/config/ConfigEditor.h"
#include "ui/config/Presets.h"
#include "ui/dataset/DatasetBrowser.h"
#include "ui/devices/DevicePicker.h"
#include "ui/forecast/ForecastPanel.h"
#include "ui/main/LogDock.h"
#include "ui/main/LogPanel.h"
#include "ui/main/RunStatusBar.h"
#include "ui/main/TrainActions.h"
#include "ui/main/WorkspaceActions.h"
#include "ui/results/ResultsPanel.h"
#include "ui/runs/RunsPanel.h"
#include "ui/runs/Workspace.h"
#include "ui/speed/SpeedPanel.h"
#include "ui/theme/GlyphIcons.h"
#include "ui/theme/Theme.h"
#include "ui/trace/RunPrecision.h"
#include "ui/trace/RunTrace.h"
#include "ui/trace/RunTraceLoader.h"
#include "ui/training/SweepDialog.h"
#include "ui/training/SweepQueue.h"
#include "ui/training/TrainingSession.h"
#include "ui/util/Format.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

namespace tb::ui {

namespace {

// Bump when the set of docks changes, so an old saved layout is not applied to new docks.
constexpr int kLayoutVersion = 6;

/// Brings the dock holding `content` to the front of its tabs.
void raiseDockOf(QWidget* content) {
    if (auto* dock = qobject_cast<QDockWidget*>(content->parentWidget()))
        dock->raise();
}

} // namespace

MainWindow::MainWindow(const Options& options, QWidget* parent)
    : QMainWindow(parent)
    , m_document(new ConfigDocument(this))
    , m_session(new TrainingSession(this))
    , m_workspace(new Workspace(this))
    , m_liveTrace(new RunTrace(this))
    , m_storedTrace(new RunTrace(this))
    , m_chartPanel(new ChartPanel(this))
    , m_comparePanel(new ComparePanel(*m_workspace, this))
    , m_centralTabs(new QTabWidget(this))
    , m_statusBar(new RunStatusBar(this))
    , m_sweepQueue(new SweepQueue(*m_session, this))
    , m_trainActions(new TrainActions(*m_session, *m_document, *m_sweepQueue, this))
    , m_workspaceActions(new WorkspaceActions(*m_workspace, *m_session, this)) {
    setWindowTitle(tr("Trainbench"));
    setWindowIcon(glyphIcon(Glyph::App));
    // The run being trained or opened, and runs compared: each needs the full chart area.
    m_centralTabs->setDocumentMode(true);
    m_centralTabs->addTab(m_chartPanel, tr("Run"));
    m_centralTabs->addTab(m_comparePanel, tr("Compare"));
    setCentralWidget(m_centralTabs);
    setStatusBar(m_statusBar);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    createDocks();
    createToolBar();
    createMenus();
    connectSession();
    connectSweep();
    m_defaultLayout = saveState(kLayoutVersion);
    restoreLayout();

    openInitialWorkspace(options.databasePath);
    mergeEarlierWorkspace(options.earlierWorkspacePath);
    loadInitialConfig(options.configPath);
    if (!options.compareRunIds.isEmpty())
        compareRuns(options.compareRunIds);
    if (options.trainAtStart)
        QTimer::singleShot(0, this, [this] { m_trainActions->train()->trigger(); });
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::addDock(QWidget* content, const QString& title, const QString& name,
                                 Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name);
    dock->setWidget(content);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createDocks() {
    m_configEditor = new ConfigEditor(*m_document, this);
    m_devicePicker = new DevicePicker(*m_document, this);
    m_runsPanel = new RunsPanel(*m_workspace, this);
    m_resultsPanel = new ResultsPanel(*m_workspace, this);
    m_speedPanel = new SpeedPanel(*m_workspace, this);
    m_forecastPanel = new ForecastPanel(*m_workspace, this);
    m_classesPanel = new ClassesPanel(*m_workspace, this);
    m_logDock = new LogDock(this);
    m_logPanel = m_logDock->session();
    m_datasetBrowser = new DatasetBrowser(*m_document, this);

    QDockWidget* config =
        addDock(m_configEditor, tr("Config"), "configDock", Qt::LeftDockWidgetArea);
    QDockWidget* devices =
        addDock(m_devicePicker, tr("Devices"), "devicesDock", Qt::LeftDockWidgetArea);
    QDockWidget* runs = addDock(m_runsPanel, tr("Runs"), "runsDock", Qt::BottomDockWidgetArea);
    QDockWidget* results =
        addDock(m_resultsPanel, tr("Results"), "resultsDock", Qt::BottomDockWidgetArea);
    QDockWidget* speed = addDock(m_speedPanel, tr("Speed"), "speedDock", Qt::BottomDockWidgetArea);
    QDockWidget* forecast =
        addDock(m_forecastPanel, tr("Forecast"), "forecastDock", Qt::BottomDockWidgetArea);
    QDockWidget* classes =
        addDock(m_classesPanel, tr("Classes"), "classesDock", Qt::BottomDockWidgetArea);
    QDockWidget* log = addDock(m_logDock, tr("Log"), "logDock", Qt::BottomDockWidgetArea);
    QDockWidget* dataset =
        addDock(m_datasetBrowser, tr("Dataset"), "datasetDock", Qt::BottomDockWidgetArea);
    // The config column runs the full height; runs, results, speed, forecast, classes, log and
    // dataset share the space under the charts.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    splitDockWidget(config, devices, Qt::Vertical);
    tabifyDockWidget(runs, results);
    tabifyDockWidget(results, speed);
    tabifyDockWidget(speed, forecast);
    tabifyDockWidget(forecast, classes);
    tabifyDockWidget(classes, log);
    tabifyDockWidget(log, dataset);
    runs->raise();
    // Where the screen is smaller, its free area: docks that fit it instead of controls off it.
    resize(screen() ? QSize(1440, 900).boundedTo(screen()->availableGeometry().size())
                    : QSize(1440, 900));
    // The chart area gets the height; the tabs under it show a dozen runs.
    resizeDocks({runs}, {260}, Qt::Vertical);

    connect(m_runsPanel, &RunsPanel::openRunRequested, this, &MainWindow::openRun);
    connect(m_runsPanel, &RunsPanel::runsDeleted, this, &MainWindow::forgetRuns);
    connect(m_runsPanel, &RunsPanel::compareRunsRequested, this, &MainWindow::compareRuns);
    connect(m_runsPanel, &RunsPanel::continueRunRequested, this, &MainWindow::continueRun);
    connect(m_resultsPanel, &ResultsPanel::compareRunsRequested, this, &MainWindow::compareRuns);
    connect(m_speedPanel, &SpeedPanel::compareRunsRequested, this, &MainWindow::compareRuns);
    connect(m_speedPanel, &SpeedPanel::openRunRequested, this, &MainWindow::openRun);
    // From the grid the user wants that run's forecasts.
    connect(m_resultsPanel, &ResultsPanel::openRunRequested, this, [this, forecast](qint64 runId) {
        openRun(runId);
        forecast->raise();
    });
    connect(m_runsPanel, &RunsPanel::cloneConfigRequested, this,
            [this, config](qint64 runId, const QString& yaml) {
                m_configEditor->cloneRunConfig(runId, yaml);
                config->raise();
            });
    connect(m_runsPanel, &RunsPanel::startFromWeightsRequested, this,
            [this, config](qint64 runId, const QString& yaml) {
                m_configEditor->startFromRunWeights(runId, yaml);
                config->raise();
            });
    connect(m_runsPanel, &RunsPanel::testWeightsRequested, this,
            [this, config](qint64 runId, const QString& yaml) {
                m_configEditor->testRunWeights(runId, yaml);
                config->raise();
            });
}

void MainWindow::createToolBar() {
    QToolBar* bar = addToolBar(tr("Run"));
    bar->setObjectName(QStringLiteral("runToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(20, 20));
    bar->addAction(m_trainActions->train());
    bar->addAction(m_trainActions->sweep());
    bar->addAction(m_trainActions->pauseResume());
    bar->addAction(m_trainActions->stop());
    bar->addAction(m_trainActions->checkpoint());
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(glyphIcon(Glyph::OpenFile), tr("&Load config\u2026"), QKeySequence::Open,
                    m_configEditor, &ConfigEditor::loadFromFileDialog);
    file->addAction(glyphIcon(Glyph::SaveFile), tr("&Save config as\u2026"), QKeySequence::Save,
                    m_configEditor, &ConfigEditor::saveToFileDialog);
    file->addSeparator();
    file->addAction(m_workspaceActions->open());
    file->addAction(m_workspaceActions->merge());
    file->addAction(tr("Open &dataset\u2026"), m_datasetBrowser, &DatasetBrowser::openDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_trainActions->train());
    run->addAction(m_trainActions->sweep());
    run->addAction(m_trainActions->pauseResume());
    run->addAction(m_trainActions->stop());
    run->addAction(m_trainActions->checkpoint());

    menuBar()->addMenu(createViewMenu());
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Trainbench"), this, [this] {
        QMessageBox::about(
            this, tr("About Trainbench"),
            tr("<h3>Trainbench %1</h3><p>Train and compare LibTorch models on "
               "CPU, GPU and NPU.</p><p>Workspace: %2</p>"
               "<p>Licensed under the GPL, version 3 or later.</p>")
                .arg(QApplication::applicationVersion(), m_workspace->path().toHtmlEscaped()));
    });
}

QMenu* MainWindow::createViewMenu() {
    auto* view = new QMenu(tr("&View"), this);
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    QMenu* theme = view->addMenu(tr("&Theme"));
    auto* group = new QActionGroup(theme);
    const std::pair<Theme::Choice, QString> choices[] = {{Theme::Choice::System, tr("&System")},
                                                         {Theme::Choice::Light, tr("&Light")},
                                                         {Theme::Choice::Dark, tr("&Dark")}};
    for (const auto& [choice, text] : choices) {
        QAction* action =
            theme->addAction(text, this, [choice = choice] { Theme::apply(*qApp, choice); });
        action->setCheckable(true);
        action->setChecked(Theme::savedChoice() == choice);
        group->addAction(action);
    }
    view->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout);
    return view;
}

void MainWindow::connectSession() {
    connect(m_trainActions, &TrainActions::trainRequested, this, &MainWindow::startTraining);
    connect(m_session, &TrainingSession::stateChanged, m_statusBar, &RunStatusBar::setState);
    connect(m_session, &TrainingSession::startFailed, this, &MainWindow::onStartFailed);
    connect(m_session, &TrainingSession::runStarted, this, &MainWindow::onRunStarted);
    connect(m_session, &TrainingSession::runEnded, this, &MainWindow::onRunEnded);
    connect(m_session, &TrainingSession::storeIncomplete, this,
            [this](qint64 runId, const QString& problem) {
                m_logPanel->appendNote(problem);
                showWarning(tr("Run %1 was not stored in full").arg(runId), problem);
            });
    connect(m_session, &TrainingSession::eventsArrived, m_liveTrace, &RunTrace::append);
    connect(m_session, &TrainingSession::eventsArrived, m_statusBar, &RunStatusBar::appendEvents);
    connect(m_session, &TrainingSession::eventsArrived, m_logPanel, &LogPanel::appendEvents);
    connect(m_workspaceActions, &WorkspaceActions::message, this, [this](const QString& text) {
        m_statusBar->showMessage(text, 10000);
        m_logPanel->appendNote(text);
    });
    // A failed start may have been about the workspace it tried to keep the run in.
    connect(m_workspace, &Workspace::opened, this, [this] { m_document->setStartIssues({}); });
    connect(m_document, &ConfigDocument::changed, this, [this] {
        if (!m_session->isBusy())
            m_statusBar->setDevice(toQString(m_document->config().getString("device")));
    });
    connect(m_document, &ConfigDocument::originChanged, this, [this](const QString& origin) {
        setWindowTitle(tr("%1 \u2014 Trainbench").arg(origin));
    });
}

void MainWindow::connectSweep() {
    connect(m_trainActions, &TrainActions::sweepRequested, this, &MainWindow::askForSweep);
    connect(m_sweepQueue, &SweepQueue::runStarting, this,
            [this](int position, int total, const QString& name) {
                m_statusBar->setSweepPosition(position, total);
                m_logPanel->appendNote(tr("Sweep %1 of %2: %3").arg(position).arg(total).arg(name));
            });
    connect(m_sweepQueue, &SweepQueue::runNotStarted, this,
            [this](const QString& name, const QString& reason) {
                const QString text = tr("%1 did not start: %2").arg(name, reason);
                m_logPanel->appendNote(text);
                m_statusBar->showMessage(text, 15000);
            });
    connect(m_sweepQueue, &SweepQueue::finished, this, &MainWindow::onSweepFinished);
}

void MainWindow::openInitialWorkspace(const QString& path) {
    QString error;
    if (!m_workspace->open(path, error)) {
        m_workspaceProblem = error;
        QTimer::singleShot(0, this, [this, error] {
            QMessageBox::warning(this, tr("Workspace"),
                                 tr("%1\n\nOpen another workspace from the File menu.").arg(error));
        });
        return;
    }
    m_logPanel->appendNote(tr("Workspace %1").arg(m_workspace->path()));
}

void MainWindow::mergeEarlierWorkspace(const QString& earlierPath) {
    const QString mergedKey = QStringLiteral("workspace/mergedEarlier");
    QSettings settings;
    if (earlierPath.isEmpty() || !QFileInfo::exists(earlierPath) ||
        settings.value(mergedKey).toString() == earlierPath || !m_workspace->store())
        return;
    QString error;
    const std::optional<tb::engine::MergeCounts> merged = m_workspace->merge(earlierPath, error);
    if (!merged) {
        m_logPanel->appendNote(
            tr("The runs of the earlier workspace %1 were not merged: %2; File \u25b8 Merge "
               "workspace\u2026 tries again")
                .arg(earlierPath, error));
        return;
    }
    settings.setValue(mergedKey, earlierPath);
    m_logPanel->appendNote(tr("%1 of the desktop app's earlier workspace %2 merged into this one, "
                              "which the command line shares")
                               .arg(countOf(merged->added, tr("run"), tr("runs")), earlierPath));
}

void MainWindow::loadInitialConfig(const QString& configPath) {
    if (!configPath.isEmpty())
        m_document->loadFile(configPath);
    else
        m_configEditor->loadPreset(kDefaultPreset);
    m_statusBar->setDevice(toQString(m_document->config().getString("device")));
}

bool MainWindow::refuseWithoutWorkspace() {
    if (m_workspace->store())
        return false;
    onStartFailed({}, tr("no workspace is open to keep the run (%1); open or create one with "
                         "File > Open workspace")
                          .arg(m_workspaceProblem));
    return true;
}

void MainWindow::startTraining() {
    if (refuseWithoutWorkspace())
        return;
    m_statusBar->showMessage(tr("Preparing the data and the model\u2026"));
    m_session->start(m_document->config(), m_workspace->path());
}

void MainWindow::continueRun(qint64 runId, qint64 epochs) {
    if (m_session->isBusy()) {
        m_statusBar->showMessage(tr("Run %1 is training: continue run %2 once it ends")
                                     .arg(m_session->runId())
                                     .arg(runId),
                                 10000);
        return;
    }
    std::optional<tb::engine::RunRecord> run;
    try {
        if (m_workspace->store())
            run = m_workspace->store()->run(runId);
    } catch (const tb::engine::StoreError& e) {
        showWarning(tr("Run %1 cannot continue").arg(runId), toQString(e.what()));
        return;
    }
    if (!run)
        return;
    tb::engine::ConfigParseResult parsed =
        tb::engine::parseConfigYaml(run->configYaml, tb::engine::experimentSchema());
    if (!parsed.issues.empty()) {
        showWarning(tr("Run %1 cannot continue").arg(runId),
                    tr("Its stored config is not valid in this Trainbench:\n%1")
                        .arg(toQString(tb::engine::formatIssues(parsed.issues))));
        return;
    }
    if (epochs > 0)
        parsed.config.set("train.epochs", std::int64_t{epochs});
    m_statusBar->showMessage(tr("Preparing the data and the model\u2026"));
    m_session->continueRun(parsed.config, m_workspace->path(), runId);
}

void MainWindow::askForSweep() {
    if (refuseWithoutWorkspace())
        return;
    auto* dialog = new SweepDialog(m_document->config(), m_document->origin(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_statusBar->showMessage(tr("Preparing the data and the model\u2026"));
        m_sweepQueue->start(dialog->runs(), m_workspace->path(), dialog->tag());
    });
    dialog->open();
}

void MainWindow::onSweepFinished(const QList<qint64>& runIds, int notTrained, int failed) {
    m_statusBar->setSweepPosition(0, 0);
    m_statusBar->setDevice(toQString(m_document->config().getString("device")));
    QString text = tr("Sweep ended: %1 trained").arg(countOf(runIds.size(), tr("run"), tr("runs")));
    if (failed > 0)
        text += tr(", %1 failed").arg(failed);
    if (notTrained > 0)
        text += tr(", %1 not trained").arg(notTrained);
    if (!runIds.isEmpty())
        text += tr("; tagged %1").arg(m_sweepQueue->tag());
    m_statusBar->showMessage(text, 30000);
    m_logPanel->appendNote(text);
    if (!runIds.isEmpty())
        compareRuns(runIds);
}

void MainWindow::onStartFailed(const tb::engine::ConfigIssues& issues, const QString& error) {
    if (m_sweepQueue->isActive())
        return; // the sweep reports it and goes on with its next run
    tb::engine::ConfigIssues all = issues;
    if (!error.isEmpty())
        all.push_back({"", error.toStdString()});
    if (const qint64 continued = m_session->continuedRunId(); continued != 0) {
        // About the stored run, not the config in the editor.
        m_statusBar->clearMessage();
        showWarning(tr("Run %1 cannot continue").arg(continued),
                    toQString(tb::engine::formatIssues(all)));
        return;
    }
    m_document->setStartIssues(all);
    m_statusBar->showMessage(tr("Training did not start: %1").arg(m_document->issuesText()), 15000);
    raiseDockOf(m_configEditor);
}

void MainWindow::onRunStarted(qint64 runId) {
    const tb::engine::Config& config = m_session->runConfig();
    RunTrace::Info info;
    info.runId = runId;
    info.name = m_session->runName();
    info.device = toQString(config.getString("device"));
    info.precision = precisionOf(config);
    info.status = QStringLiteral("running");
    if (config.getInt("train.epochs") == 0)
        info.testedWeights = toQString(config.getString("model.init_from"));
    m_liveTrace->restart(info);
    if (m_session->continuedRunId() == runId)
        takeStoredHistory(runId);
    m_chartPanel->setTrace(m_liveTrace);
    m_centralTabs->setCurrentWidget(m_chartPanel);
    m_logDock->showSession();
    m_statusBar->clearMessage();
    m_statusBar->setDevice(info.device);
    m_logPanel->appendNote(m_session->continuedRunId() == runId
                               ? tr("Run %1 goes on from its last checkpoint").arg(runId)
                               : tr("Run %1 started").arg(runId));
    m_runsPanel->refresh();
}

void MainWindow::takeStoredHistory(qint64 runId) {
    if (!m_workspace->store())
        return;
    try {
        loadRunTrace(*m_workspace->store(), runId, *m_liveTrace);
        m_liveTrace->setStatus(QStringLiteral("running"));
    } catch (const tb::engine::StoreError& e) {
        m_logPanel->appendNote(tr("The charts show run %1 from where it goes on: %2")
                                   .arg(runId)
                                   .arg(toQString(e.what())));
    }
}

void MainWindow::onRunEnded(qint64 runId, const QString& status, const QString& reason) {
    m_liveTrace->setStatus(status, reason);
    m_chartPanel->refreshNow();
    m_runsPanel->refresh();
    m_resultsPanel->refresh();
    m_speedPanel->refresh();
    // A compared run that was still training is shown as it ended, now.
    if (m_comparePanel->runIds().contains(runId))
        m_comparePanel->followLiveRuns();
    if (m_forecastPanel->showRun(runId))
        raiseDockOf(m_forecastPanel);
    if (m_classesPanel->showRun(runId))
        raiseDockOf(m_classesPanel);
    if (status != QLatin1String("failed"))
        return;
    // A sweep goes on with its next run: one dialog per failed run would pile up.
    if (m_sweepQueue->isActive())
        m_logPanel->appendNote(tr("Run %1 failed: %2").arg(runId).arg(reason));
    else
        showWarning(tr("Run %1 failed").arg(runId), reason);
}

void MainWindow::showWarning(const QString& title, const QString& text) {
    // Not modal: the run is over either way, and nothing waits for an answer.
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::openRun(qint64 runId) {
    if (runId == 0)
        return;
    m_forecastPanel->showRun(runId);
    m_classesPanel->showRun(runId);
    m_centralTabs->setCurrentWidget(m_chartPanel);
    if (m_session->isBusy() && runId == m_session->runId()) {
        m_chartPanel->setTrace(m_liveTrace);
        return;
    }
    if (!m_workspace->store())
        return;
    try {
        const tb::engine::RunStore& store = *m_workspace->store();
        loadRunTrace(store, runId, *m_storedTrace);
        m_chartPanel->setTrace(m_storedTrace);
        m_logDock->showRun(store, runId,
                           tr("Run %1 \u00b7 %2").arg(runId).arg(m_storedTrace->info().name));
    } catch (const tb::engine::StoreError& e) {
        QMessageBox::warning(this, tr("Open run %1").arg(runId), toQString(e.what()));
    }
}

void MainWindow::compareRuns(const QList<qint64>& runIds) {
    m_comparePanel->compare(runIds);
    m_centralTabs->setCurrentWidget(m_comparePanel);
}

void MainWindow::forgetRuns(const QList<qint64>& runIds) {
    const RunTrace* shown = m_chartPanel->trace();
    if (shown && runIds.contains(shown->info().runId))
        m_chartPanel->setTrace(nullptr);
    QList<qint64> compared = m_comparePanel->runIds();
    if (compared.removeIf([&](qint64 id) { return runIds.contains(id); }) > 0)
        m_comparePanel->compare(compared);
    if (runIds.contains(m_forecastPanel->runId()))
        m_forecastPanel->showRun(m_forecastPanel->runId()); // says it is gone
    if (runIds.contains(m_classesPanel->runId()))
        m_classesPanel->showRun(m_classesPanel->runId());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_session->isBusy()) {
        const QString sweep =
            m_sweepQueue->isActive()
                ? tr(" It is run %1 of %2 in a sweep; the runs after it will not train.")
                      .arg(m_sweepQueue->position())
                      .arg(m_sweepQueue->total())
                : QString();
        const auto answer = QMessageBox::question(
            this, tr("Training in progress"),
            tr("Run %1 is still training.%2 Stop it and quit?\n\nThe run is kept in the "
               "workspace as stopped, with everything recorded so far; Continue training in "
               "its menu in Runs takes it up again where it stopped.")
                .arg(m_session->runId())
                .arg(sweep),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_sweepQueue->cancel();
        QApplication::setOverrideCursor(Qt::WaitCursor);
        m_session->stopAndWait();
        QApplication::restoreOverrideCursor();
    }
    saveLayout();
    event->accept();
}

void MainWindow::restoreLayout() {
    QSettings settings;
    restoreGeometry(settings.value("mainWindow/geometry").toByteArray());
    restoreState(settings.value("mainWindow/state").toByteArray(), kLayoutVersion);
}

void MainWindow::saveLayout() const {
    QSettings settings;
    settings.setValue("mainWindow/geometry", saveGeometry());
    settings.setValue("mainWindow/state", saveState(kLayoutVersion));
}

void MainWindow::resetLayout() {
    restoreState(m_defaultLayout, kLayoutVersion);
}

} // namespace tb::ui
