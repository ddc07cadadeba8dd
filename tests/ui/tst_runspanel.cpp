// The runs panel lists the workspace's runs: sort, filter, open, clone, merge.
#include "UiTestHelpers.h"
#include "engine/store/RunStore.h"
#include "engine/util/Environment.h"
#include "ui/runs/RunsPanel.h"
#include "ui/runs/RunsTableModel.h"
#include "ui/runs/Workspace.h"

#include <QDateTime>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTimer>
#include <QtTest>

using namespace tb::ui;
using tb::engine::RunStatus;
using tb::engine::RunStore;

namespace {

int columnOf(const QAbstractItemModel* model, const QString& header) {
    for (int c = 0; c < model->columnCount(); ++c) {
        if (model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString() == header)
            return c;
    }
    return -1;
}

/// A workspace file at `path` holding one-epoch runs of these names and statuses, in order.
QString workspaceWith(const QString& path,
                      const std::vector<std::pair<std::string, RunStatus>>& runs) {
    RunStore store = RunStore::open(path.toStdString());
    for (const auto& [name, status] : runs)
        tb::test::storeRun(store, name, "cpu", 1, 5, status);
    return path;
}

} // namespace

class TestRunsPanel : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;

private Q_SLOTS:
    void initTestCase() {
        tb::test::useTemporarySettings(m_dir);
        m_db = m_dir.filePath("workspace.db");
        RunStore store = RunStore::open(m_db.toStdString());
        tb::test::storeRun(store, "mlp-short", "cpu", 1, 5, RunStatus::Finished);
        tb::test::storeRun(store, "cnn-long", "cuda:0", 4, 5, RunStatus::Finished);
        tb::test::storeRun(store, "cnn-broken", "cpu", 2, 5, RunStatus::Failed);
    }

    void listsEveryRunWithItsFinalMetrics() {
        Workspace workspace;
        RunsPanel panel(workspace);
        QString error;
        QVERIFY2(workspace.open(m_db, error), qPrintable(error));
        QAbstractItemModel* view = panel.view()->model();
        QCOMPARE(view->rowCount(), 3);
        // Newest first.
        QCOMPARE(view->index(0, RunsTableModel::Name).data().toString(),
                 QStringLiteral("cnn-broken"));
        QCOMPARE(view->index(0, RunsTableModel::Status).data().toString(),
                 QStringLiteral("failed"));
        const int accuracy = columnOf(view, "val/accuracy");
        QVERIFY(accuracy >= panel.model()->firstMetricColumn());
        QVERIFY(columnOf(view, "val/accuracy") < columnOf(view, "train/loss"));
        QCOMPARE(view->index(1, accuracy).data().toString(), QStringLiteral("0.54")); // 4 epochs
        QCOMPARE(view->index(1, RunsTableModel::Device).data().toString(),
                 QStringLiteral("cuda:0"));
    }

    void anEmptyWorkspaceSaysHowToStartARun() {
        Workspace workspace;
        RunsPanel panel(workspace);
        panel.show();
        const QString empty = m_dir.filePath("empty.db");
        QString error;
        QVERIFY2(workspace.open(empty, error), qPrintable(error));
        auto* note = panel.findChild<QLabel*>(QStringLiteral("noRunsYet"));
        QVERIFY(note);
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains("--db " + empty), qPrintable(note->text()));
        QVERIFY2(workspace.open(m_db, error), qPrintable(error));
        QVERIFY(!note->isVisible());
    }

    void sortsNumericallyAndFilters() {
        Workspace workspace;
        RunsPanel panel(workspace);
        QString error;
        QVERIFY(workspace.open(m_db, error));
        QAbstractItemModel* view = panel.view()->model();
        const int accuracy = columnOf(view, "val/accuracy");
        panel.view()->sortByColumn(accuracy, Qt::DescendingOrder);
        QCOMPARE(view->index(0, RunsTableModel::Name).data().toString(),
                 QStringLiteral("cnn-long"));

        panel.filterEdit()->setText("CNN");
        QCOMPARE(view->rowCount(), 2);
        panel.filterEdit()->setText("cuda");
        QCOMPARE(view->rowCount(), 1);
        panel.filterEdit()->clear();
        QCOMPARE(view->rowCount(), 3);
    }

    void configFieldsBecomeColumns() {
        Workspace workspace;
        RunsPanel panel(workspace);
        QString error;
        QVERIFY(workspace.open(m_db, error));
        QAbstractItemModel* view = panel.view()->model();

        const auto menu = panel.columnMenu(RunsTableModel::Name);
        QMenu* fields = menu->findChild<QMenu*>();
        QVERIFY(fields && fields->isEnabled());
        QAction* batchSize = nullptr;
        for (QMenu* section : fields->findChildren<QMenu*>())
            for (QAction* action : section->actions())
                if (action->text() == "train.batch_size")
                    batchSize = action;
        QVERIFY(batchSize);
        batchSize->trigger();

        const int batch = columnOf(view, "train.batch_size");
        QCOMPARE(batch, int(RunsTableModel::FirstConfigColumn));
        QVERIFY(columnOf(view, "val/accuracy") > batch);
        // 64, 128, 256 as numbers (as text, "128" < "256" < "64").
        panel.view()->sortByColumn(batch, Qt::AscendingOrder);
        QCOMPARE(view->index(0, RunsTableModel::Name).data().toString(), QString("mlp-short"));
        QCOMPARE(view->index(1, RunsTableModel::Name).data().toString(), QString("cnn-broken"));
        QCOMPARE(view->index(2, batch).data().toString(), QString("256"));
        panel.filterEdit()->setText("256");
        QCOMPARE(view->rowCount(), 1);
        panel.filterEdit()->clear();

        {
            RunsPanel next(workspace); // the next session shows the same columns
            QCOMPARE(next.model()->configColumns(), QStringList{"train.batch_size"});
        }
        const auto columnsMenu = panel.columnMenu(batch);
        QCOMPARE(columnsMenu->actions().first()->text(), QString("Hide column train.batch_size"));
        columnsMenu->actions().first()->trigger();
        QCOMPARE(columnOf(view, "train.batch_size"), -1);
        QVERIFY(panel.model()->configColumns().isEmpty());
    }

    void doubleClickOpensARun() {
        Workspace workspace;
        RunsPanel panel(workspace);
        QString error;
        QVERIFY(workspace.open(m_db, error));
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy open(&panel, &RunsPanel::openRunRequested);
        const QModelIndex first = panel.view()->model()->index(0, RunsTableModel::Name);
        const QRect rect = panel.view()->visualRect(first);
        // A double-click opens what the first click pressed.
        QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(panel.view()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.at(0).at(0).toLongLong(),
                 first.data(RunsTableModel::kRunIdRole).toLongLong());
    }

    void refreshKeepsTheSelection() {
        Workspace workspace;
        RunsPanel panel(workspace);
        QString error;
        QVERIFY(workspace.open(m_db, error));
        panel.view()->selectRow(1);
        const qint64 selected = panel.selectedRunId();
        QVERIFY(selected != 0);
        panel.refresh();
        QCOMPARE(panel.selectedRunId(), selected);
    }

    void starsTagsAndNotesAreKeptAndFound() {
        const QString db =
            workspaceWith(m_dir.filePath("notes.db"),
                          {{"baseline", RunStatus::Finished}, {"wider", RunStatus::Finished}});
        Workspace workspace;
        RunsPanel panel(workspace);
        QString error;
        QVERIFY(workspace.open(db, error));
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QAbstractItemModel* view = panel.view()->model();
        panel.view()->sortByColumn(RunsTableModel::Id, Qt::AscendingOrder);

        // A click on the star cell stars the run, in the file.
        const QRect star = panel.view()->visualRect(view->index(0, RunsTableModel::Star));
        QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {}, star.center());
        QCOMPARE(view->index(0, RunsTableModel::Star).data().toString(), QString("\u2605"));
        QVERIFY(RunStore::open(db.toStdString(), RunStore::Mode::ReadOnly).run(1)->starred);
        const auto menu = panel.contextMenu(1);
        QStringList texts;
        for (QAction* action : menu->actions())
            texts << action->text();
        QVERIFY2(texts.contains("Unstar") && texts.contains("Notes and tags\u2026") &&
                     texts.contains("Delete run 1\u2026"),
                 qPrintable(texts.join(" | ")));

        QVERIFY(
            workspace.setRunNotes(2, "twice the width: no better", "width, sweep", false, error));
        QCOMPARE(view->index(1, RunsTableModel::Tags).data().toString(), QString("width, sweep"));
        panel.filterEdit()->setText("sweep"); // a tag
        QCOMPARE(view->rowCount(), 1);
        panel.filterEdit()->setText("no better"); // the notes
        QCOMPARE(view->rowCount(), 1);
        QCOMPARE(view->index(0, RunsTableModel::Name).data().toString(), QString("wider"));
        QVERIFY(view->index(0, RunsTableModel::Name)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains("twice the width"));
        panel.filterEdit()->clear();

        // Runs sharing a tag (a sweep's) are compared again from any of them.
        QVERIFY(workspace.setRunNotes(1, "", "sweep", true, error));
        QSignalSpy compare(&panel, &RunsPanel::compareRunsRequested);
        const auto tagged = panel.contextMenu(2);
        QAction* compareTagged = tb::test::actionNamed(*tagged, "Compare the 2 runs tagged sweep");
        QVERIFY(compareTagged);
        compareTagged->trigger();
        QCOMPARE(compare.count(), 1);
        QCOMPARE(compare.first().at(0).value<QList<qint64>>(), (QList<qint64>{1, 2}));
        for (QAction* action : tagged->actions()) // `width` is run 2's alone
            QVERIFY(!action->text().contains("tagged width"));
    }

    void refreshingTellsTheViewOfTheRowsThatChangedOnly() {
        // The view fits its columns to what it is told changed: all of 2,000 runs every 5 s
        // stalled the window ~70 ms.
        const auto summary = [](std::int64_t id, tb::engine::RunStatus status, double loss) {
            tb::engine::RunSummary s;
            s.run.id = id;
            s.run.name = "run";
            s.run.status = status;
            s.finalMetrics = {{"val/loss", loss}};
            return s;
        };
        RunsTableModel model;
        model.setRuns({summary(3, RunStatus::Finished, 0.5), summary(2, RunStatus::Finished, 0.4),
                       summary(1, RunStatus::Running, 0.3)});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setRuns({summary(3, RunStatus::Finished, 0.5), summary(2, RunStatus::Finished, 0.25),
                       summary(1, RunStatus::Running, 0.3)});
        QCOMPARE(reset.count(), 0);
        // Run 2's loss changed; run 1 still trains, so its duration did.
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed[0].at(0).toModelIndex().row(), 1);
        QCOMPARE(changed[1].at(0).toModelIndex().row(), 2);
    }

    void deletingAskedRunsRemovesThem() {
        const QString db =
            workspaceWith(m_dir.filePath("delete.db"),
                          {{"keep", RunStatus::Finished}, {"junk", RunStatus::Failed}});
        Workspace workspace;
        RunsPanel panel(workspace);
        QString error;
        QVERIFY(workspace.open(db, error));
        QSignalSpy deleted(&panel, &RunsPanel::runsDeleted);
        const auto answer = [](QMessageBox::StandardButton button) {
            QTimer::singleShot(0, [button] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                QVERIFY(box);
                QVERIFY2(box->text().contains("2 \u00b7 junk"), qPrintable(box->text()));
                box->button(button)->click();
            });
        };
        answer(QMessageBox::Cancel);
        panel.contextMenu(2)->actions().last()->trigger();
        QCOMPARE(deleted.count(), 0);
        QCOMPARE(panel.view()->model()->rowCount(), 2);

        answer(QMessageBox::Yes);
        panel.contextMenu(2)->actions().last()->trigger();
        QCOMPARE(deleted.count(), 1);
        QCOMPARE(deleted.first().at(0).value<QList<qint64>>(), QList<qint64>{2});
        QCOMPARE(panel.view()->model()->rowCount(), 1);
        QVERIFY(!workspace.store()->run(2));
    }

    void deletingManyRunsAsksInABoxThatFitsTheScreen() {
        std::vector<std::pair<std::string, RunStatus>> runs(300, {"sweep", RunStatus::Finished});
        const QString db = workspaceWith(m_dir.filePath("delete-many.db"), runs);
        Workspace workspace;
        RunsPanel panel(workspace);
        QString error;
        QVERIFY(workspace.open(db, error));
        panel.view()->selectAll();
        QStringList lines;
        QTimer::singleShot(0, [&lines] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box);
            lines = box->text().split('\n');
            box->button(QMessageBox::Cancel)->click();
        });
        panel.contextMenu(1)->actions().last()->trigger();
        QVERIFY2(lines.first().startsWith("Delete 300 runs"), qPrintable(lines.join('\n')));
        QCOMPARE(lines.size(), 2 + 12);
        QCOMPARE(lines.last(), QStringLiteral("\u2026 and 289 more"));
        QCOMPARE(panel.view()->model()->rowCount(), 300);
    }

    // An ended run goes on from its menu: a stopped or failed one as it was, a finished one to
    // the epochs asked for (twice its own by default).
    void endedRunsContinueOrTrainLonger() {
        const QString db =
            workspaceWith(m_dir.filePath("continue.db"), {{"done", RunStatus::Finished},
                                                          {"halted", RunStatus::Stopped},
                                                          {"crashed", RunStatus::Failed},
                                                          {"going", RunStatus::Running}});
        Workspace workspace;
        RunsPanel panel(workspace);
        QString error;
        QVERIFY(workspace.open(db, error));
        QSignalSpy continued(&panel, &RunsPanel::continueRunRequested);

        for (const qint64 runId : {2, 3}) {
            const auto menu = panel.contextMenu(runId);
            QVERIFY(!tb::test::actionNamed(*menu, "Train longer\u2026"));
            tb::test::actionNamed(*menu, "Continue training")->trigger();
            QCOMPARE(continued.takeFirst(), (QVariantList{runId, qint64{0}}));
        }
        const auto running = panel.contextMenu(4);
        QVERIFY(!tb::test::actionNamed(*running, "Continue training"));
        QVERIFY(!tb::test::actionNamed(*running, "Train longer\u2026"));

        const auto finished = panel.contextMenu(1);
        QVERIFY(!tb::test::actionNamed(*finished, "Continue training"));
        QTimer::singleShot(0, [] {
            auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            QVERIFY2(dialog->labelText().contains("trained 3 epochs"),
                     qPrintable(dialog->labelText()));
            QCOMPARE(dialog->intValue(), 6);
            QCOMPARE(dialog->intMinimum(), 4);
            dialog->setIntValue(10);
            dialog->accept();
        });
        tb::test::actionNamed(*finished, "Train longer\u2026")->trigger();
        QCOMPARE(continued.takeFirst(), (QVariantList{qint64{1}, qint64{10}}));
    }

    void aRunsSavedWeightsStartANewRun() {
        const QString db =
            workspaceWith(m_dir.filePath("weights.db"), {{"saved", RunStatus::Finished},
                                                         {"unsaved", RunStatus::Finished},
                                                         {"deleted", RunStatus::Stopped}});
        {
            RunStore store = RunStore::open(db.toStdString());
            const auto addCheckpoint = [&](std::int64_t runId, const char* kind, bool onDisk) {
                tb::engine::ArtifactRecord a;
                a.runId = runId;
                a.kind = kind;
                a.path = m_dir.filePath(QString("run-%1-%2.pt").arg(runId).arg(kind)).toStdString();
                if (onDisk)
                    QVERIFY(QFile(QString::fromStdString(a.path)).open(QIODevice::WriteOnly));
                store.addArtifact(a);
            };
            addCheckpoint(1, "best", true);
            addCheckpoint(3, "last", false); // its file deleted since
        }
        Workspace workspace;
        RunsPanel panel(workspace);
        QString error;
        QVERIFY(workspace.open(db, error));
        QSignalSpy started(&panel, &RunsPanel::startFromWeightsRequested);

        for (const qint64 runId : {2, 3}) {
            QVERIFY(!tb::test::actionNamed(*panel.contextMenu(runId), "New run from its weights"));
            QVERIFY(!tb::test::actionNamed(*panel.contextMenu(runId),
                                           "Predict with its weights\u2026"));
        }
        QVERIFY(tb::test::actionNamed(*panel.contextMenu(1), "Predict with its weights\u2026"));
        tb::test::actionNamed(*panel.contextMenu(1), "New run from its weights")->trigger();
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.first().first().toLongLong(), qint64{1});
        QVERIFY(started.first().last().toString().contains("name: saved"));

        QSignalSpy tested(&panel, &RunsPanel::testWeightsRequested);
        QVERIFY(!tb::test::actionNamed(*panel.contextMenu(2), "Test its weights on other data"));
        tb::test::actionNamed(*panel.contextMenu(1), "Test its weights on other data")->trigger();
        QCOMPARE(tested.size(), 1);
        QCOMPARE(tested.first().first().toLongLong(), qint64{1});
    }

    void aRunOfNoEpochsPredictsWithTheWeightsItTested() {
        const QString db = m_dir.filePath("tested.db");
        {
            RunStore store = RunStore::open(db.toStdString());
            tb::test::storeRun(store, "tested", "cpu", 0, 5, RunStatus::Finished,
                               "name: tested\nmodel: {init_from: 'run:9'}\ntrain: {epochs: 0}\n");
        }
        Workspace workspace;
        RunsPanel panel(workspace);
        QString error;
        QVERIFY(workspace.open(db, error));
        // It saved no weights of its own to train on from; its tested ones go on to other data
        // and predict.
        QVERIFY(!tb::test::actionNamed(*panel.contextMenu(1), "New run from its weights"));
        QVERIFY(tb::test::actionNamed(*panel.contextMenu(1), "Test its weights on other data"));
        QVERIFY(tb::test::actionNamed(*panel.contextMenu(1), "Predict with its weights\u2026"));
        QVERIFY(!tb::test::actionNamed(*panel.contextMenu(1), "Train longer\u2026"));
        // Listed apart from a training of the same config, and findable as such.
        const QModelIndex status = panel.view()->model()->index(0, RunsTableModel::Status);
        QCOMPARE(status.data().toString(), QStringLiteral("tested"));
        QCOMPARE(status.data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Trained no epoch: it tested the weights of run:9"));
    }

    void aRunsDurationIsTheTimeItTrained() {
        tb::engine::RunRecord run;
        run.status = RunStatus::Finished;
        run.startedAt = "2026-12-01T09:00:00Z";
        run.finishedAt = "2026-12-03T09:00:00Z";
        run.runSeconds = 600.0; // stopped after 10 minutes, continued two days later
        QCOMPARE(RunsTableModel::durationS(run), 600.0);
        run.runSeconds = 0.0; // a run of an earlier Trainbench: start to finish
        QCOMPARE(RunsTableModel::durationS(run), 2 * 86400.0);
        // Training on since it was continued 30 s ago at its clock's 600 s.
        run.status = RunStatus::Running;
        run.finishedAt.clear();
        run.runSeconds = 600.0;
        run.resumedAt =
            QDateTime::currentDateTimeUtc().addSecs(-30).toString(Qt::ISODate).toStdString();
        const double duration = RunsTableModel::durationS(run);
        QVERIFY2(duration >= 630.0 && duration < 640.0, qPrintable(QString::number(duration)));
    }

    void mergingAnotherWorkspaceAddsItsRuns() {
        const QString other = m_dir.filePath("from-gpu-server.db");
        {
            RunStore store = RunStore::open(other.toStdString());
            tb::test::storeRun(store, "remote", "cuda:1", 2, 3, RunStatus::Finished);
        }
        const QString copy = m_dir.filePath("merge-target.db");
        QVERIFY(QFile::copy(m_db, copy));
        Workspace workspace;
        RunsPanel panel(workspace);
        QString error;
        QVERIFY(workspace.open(copy, error));
        QCOMPARE(panel.model()->rowCount(), 3);
        const auto merged = workspace.merge(other, error);
        QVERIFY2(merged, qPrintable(error));
        QCOMPARE(merged->added, 1);
        QCOMPARE(panel.model()->rowCount(), 4);
        QVERIFY(!workspace.merge(copy, error));
        QVERIFY2(error.contains("open workspace"), qPrintable(error));
        QVERIFY(!workspace.merge(m_dir.filePath("absent.db"), error));
        QVERIFY(!error.isEmpty());
    }

    void aRunWhoseProcessEndedTurnsFailed() {
        const QString db = m_dir.filePath("killed-elsewhere.db");
        Workspace workspace;
        RunsPanel panel(workspace);
        QString error;
        QVERIFY2(workspace.open(db, error), qPrintable(error));
        QProcess ended;
        ended.start("/bin/true", {});
        QVERIFY(ended.waitForStarted());
        const qint64 pid = ended.processId();
        QVERIFY(ended.waitForFinished());
        {
            // Another process's training, started after the workspace was opened.
            RunStore writer = RunStore::open(db.toStdString());
            tb::engine::RunRecord run;
            run.name = "killed-elsewhere";
            run.status = RunStatus::Running;
            run.host = tb::engine::hostName();
            run.pid = pid;
            writer.createRun(run);
        }
        panel.refresh();
        QAbstractItemModel* view = panel.view()->model();
        QCOMPARE(view->rowCount(), 1);
        QCOMPARE(view->index(0, RunsTableModel::Status).data().toString(),
                 QStringLiteral("failed"));
    }

    void aNewWorkspaceIsCreated() {
        Workspace workspace;
        QString error;
        const QString fresh = m_dir.filePath("new/folder/workspace.db");
        QVERIFY2(workspace.open(fresh, error), qPrintable(error));
        QVERIFY(QFile::exists(fresh));
        QVERIFY(workspace.store()->listRuns().empty());
    }
};

QTEST_MAIN(TestRunsPanel)
#include "tst_runspanel.moc"
