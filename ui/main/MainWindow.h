// The main window: composes the panels, toolbar, menus and status bar.
#pragma once

#include "engine/config/ConfigIssue.h"

#include <QList>
#include <QMainWindow>
#include <QString>

class QDockWidget;
class QMenu;
class QTabWidget;

namespace tb::ui {

class ChartPanel;
class ClassesPanel;
class ConfigDocument;
class ConfigEditor;
class DatasetBrowser;
class DevicePicker;
class ComparePanel;
class ForecastPanel;
class LogDock;
class LogPanel;
class ResultsPanel;
class SpeedPanel;
class RunStatusBar;
class RunTrace;
class RunsPanel;
class SweepQueue;
class TrainActions;
class TrainingSession;
class Workspace;
class WorkspaceActions;

/// Charts in the centre; config, devices, runs, results, speed, forecast, classes, log and
/// dataset as docks the user can rearrange (the layout persists in QSettings). Wires the panels to
/// one ConfigDocument, one TrainingSession and one Workspace; owns nothing else.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    struct Options {
        QString databasePath; ///< the workspace to open (created when missing)
        QString configPath;   ///< a YAML config to load; empty: the default preset
        bool trainAtStart = false;
        QList<qint64> compareRunIds; ///< stored runs to show side by side at start
        /// The workspace the desktop app kept apart from the command line's before they
        /// shared one: its runs are merged into `databasePath` once (the file is only read).
        QString earlierWorkspacePath;
    };

    explicit MainWindow(const Options& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    ConfigDocument& configDocument() const { return *m_document; }
    TrainingSession& session() const { return *m_session; }
    Workspace& workspace() const { return *m_workspace; }
    ConfigEditor* configEditor() const { return m_configEditor; }
    DevicePicker* devicePicker() const { return m_devicePicker; }
    ChartPanel* chartPanel() const { return m_chartPanel; }
    RunsPanel* runsPanel() const { return m_runsPanel; }
    ForecastPanel* forecastPanel() const { return m_forecastPanel; }
    ClassesPanel* classesPanel() const { return m_classesPanel; }
    ComparePanel* comparePanel() const { return m_comparePanel; }
    DatasetBrowser* datasetBrowser() const { return m_datasetBrowser; }
    RunStatusBar* runStatusBar() const { return m_statusBar; }
    LogDock* logDock() const { return m_logDock; }
    SweepQueue* sweepQueue() const { return m_sweepQueue; }
    TrainActions* trainActions() const { return m_trainActions; }
    WorkspaceActions* workspaceActions() const { return m_workspaceActions; }
    RunTrace* liveTrace() const { return m_liveTrace; }

    /// Shows a stored run's charts (the live run's when `runId` is the active run) and its
    /// test forecasts or test predictions.
    void openRun(qint64 runId);
    /// Shows the stored runs `runIds` side by side in the Compare tab.
    void compareRuns(const QList<qint64>& runIds);
    /// Lets go of deleted runs: their charts, their columns in Compare, their forecasts and
    /// predictions.
    void forgetRuns(const QList<qint64>& runIds);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QDockWidget* addDock(QWidget* content, const QString& title, const QString& name,
                         Qt::DockWidgetArea area);
    void createDocks();
    void createToolBar();
    void createMenus();
    QMenu* createViewMenu();
    void connectSession();
    void loadInitialConfig(const QString& configPath);
    void openInitialWorkspace(const QString& path);
    void mergeEarlierWorkspace(const QString& earlierPath);
    void startTraining();
    /// True when no workspace is open (the one given at start failed to open): then says so
    /// where a failed start would, since a run has nowhere to be kept.
    bool refuseWithoutWorkspace();
    /// Trains the ended run `runId` on from its last checkpoint; `epochs` > 0: to that many.
    void continueRun(qint64 runId, qint64 epochs);
    void askForSweep();
    void connectSweep();
    void onSweepFinished(const QList<qint64>& runIds, int notTrained, int failed);
    void onStartFailed(const tb::engine::ConfigIssues& issues, const QString& error);
    void onRunStarted(qint64 runId);
    /// The live charts of a continued run start with what it recorded before it stopped.
    void takeStoredHistory(qint64 runId);
    void onRunEnded(qint64 runId, const QString& status, const QString& reason);
    void showWarning(const QString& title, const QString& text);
    void restoreLayout();
    void saveLayout() const;
    void resetLayout();

    ConfigDocument* m_document;
    TrainingSession* m_session;
    Workspace* m_workspace;
    RunTrace* m_liveTrace;
    RunTrace* m_storedTrace;
    ChartPanel* m_chartPanel;
    ComparePanel* m_comparePanel;
    QTabWidget* m_centralTabs;
    ConfigEditor* m_configEditor = nullptr;
    DevicePicker* m_devicePicker = nullptr;
    RunsPanel* m_runsPanel = nullptr;
    ResultsPanel* m_resultsPanel = nullptr;
    SpeedPanel* m_speedPanel = nullptr;
    ForecastPanel* m_forecastPanel = nullptr;
    ClassesPanel* m_classesPanel = nullptr;
    LogDock* m_logDock = nullptr;
    LogPanel* m_logPanel = nullptr; ///< this session's, in m_logDock
    DatasetBrowser* m_datasetBrowser = nullptr;
    RunStatusBar* m_statusBar;
    SweepQueue* m_sweepQueue;
    TrainActions* m_trainActions;
    WorkspaceActions* m_workspaceActions;
    QByteArray m_defaultLayout;
    QString m_workspaceProblem; ///< why the workspace given at start did not open
};

} // namespace tb::ui
