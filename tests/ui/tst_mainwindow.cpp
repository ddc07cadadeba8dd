// The main window: default experiment loaded, layout kept between sessions, themes.
#include "UiTestHelpers.h"
#include "engine/store/RunStore.h"
#include "tests/engine/store/StoreTestHelpers.h"
#include "ui/charts/ChartPanel.h"
#include "ui/config/ConfigDocument.h"
#include "ui/main/MainWindow.h"
#include "ui/main/TrainActions.h"
#include "ui/runs/Workspace.h"
#include "ui/theme/Theme.h"
#include "ui/util/Format.h"

#include <QAction>
#include <QDockWidget>
#include <QMessageBox>
#include <QSettings>
#include <QStyle>
#include <QtTest>

using namespace tb::ui;

class TestMainWindow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    MainWindow::Options options() const {
        MainWindow::Options o;
        o.databasePath = m_dir.filePath("workspace.db");
        return o;
    }

private Q_SLOTS:
    void initTestCase() { tb::test::useTemporarySettings(m_dir); }

    void startsWithTheDefaultExperimentReadyToTrain() {
        MainWindow window(options());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.configDocument().origin(), QStringLiteral("fashion-mnist-cnn"));
        QCOMPARE(toQString(window.configDocument().config().getString("model.name")),
                 QStringLiteral("cnn"));
        QVERIFY(window.trainActions()->train()->isEnabled());
        QVERIFY(!window.trainActions()->stop()->isEnabled());
        QCOMPARE(window.trainActions()->train()->shortcut(), QKeySequence("Ctrl+Return"));
        QVERIFY(QFile::exists(m_dir.filePath("workspace.db")));
        QVERIFY(window.windowTitle().contains("fashion-mnist-cnn"));
    }

    // The desktop app used to keep a workspace of its own, apart from the command line's: its
    // runs are merged into the shared one once, and the earlier file is left as it was.
    void theEarlierDesktopWorkspaceIsMergedOnce() {
        const QString earlier = m_dir.filePath("earlier-desktop.db");
        {
            tb::engine::RunStore store = tb::engine::RunStore::open(earlier.toStdString());
            tb::test::storeFinishedRun(store, "from the desktop app", "name: a\n",
                                       {{"val/loss", 0.5}});
        }
        MainWindow::Options o = options();
        o.databasePath = m_dir.filePath("shared.db");
        o.earlierWorkspacePath = earlier;
        const auto runNames = [](const MainWindow& window) {
            QStringList names;
            for (const tb::engine::RunSummary& run : window.workspace().store()->listRuns())
                names << QString::fromStdString(run.run.name);
            return names;
        };
        {
            MainWindow window(o);
            QCOMPARE(runNames(window), QStringList{"from the desktop app"});
        }
        MainWindow again(o);
        QCOMPARE(runNames(again), QStringList{"from the desktop app"});
        QCOMPARE(tb::engine::RunStore::openForReading(earlier.toStdString()).listRuns().size(),
                 std::size_t{1});
    }

    void loadsAConfigGivenOnTheCommandLine() {
        const QString path = m_dir.filePath("mine.yaml");
        QVERIFY(
            tb::test::writeText(path, "name: mine\nmodel:\n  name: mlp\ntrain:\n  epochs: 11\n"));
        MainWindow::Options o = options();
        o.configPath = path;
        MainWindow window(o);
        QCOMPARE(window.configDocument().origin(), QStringLiteral("mine"));
        QCOMPARE(window.configDocument().config().getInt("train.epochs"), std::int64_t{11});
    }

    void layoutSurvivesARestart() {
        {
            MainWindow window(options());
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto* devices = window.findChild<QDockWidget*>("devicesDock");
            QVERIFY(devices && devices->isVisible());
            devices->hide();
            window.resize(1000, 700);
            window.chartPanel()->setSmoothing(0.25);
            window.close();
        }
        MainWindow window(options());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.findChild<QDockWidget*>("devicesDock")->isVisible());
        QCOMPARE(window.size(), QSize(1000, 700));
        QCOMPARE(window.chartPanel()->smoothing(), 0.25);
        QVERIFY(QSettings().contains("mainWindow/state"));
    }

    void themesFollowTheChoice() {
        Theme::apply(*qApp, Theme::Choice::Dark);
        QVERIFY(qApp->palette().color(QPalette::Window).lightness() < 128);
        QCOMPARE(Theme::savedChoice(), Theme::Choice::Dark);
        Theme::apply(*qApp, Theme::Choice::Light);
        QVERIFY(qApp->palette().color(QPalette::Window).lightness() > 128);
        Theme::apply(*qApp, Theme::Choice::System);
        const bool dark = qApp->palette().color(QPalette::Window).lightness() < 128;
        QCOMPARE(dark, Theme::systemPrefersDark());
        QCOMPARE(qApp->style()->name().toLower(), QStringLiteral("fusion"));
    }

    void anUnusableWorkspaceIsReportedNotFatal() {
        MainWindow::Options o = options();
        o.databasePath = m_dir.filePath("not-a-db.db");
        QFile junk(o.databasePath);
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("this is not SQLite");
        junk.close();
        QString warning;
        QTimer closer;
        closer.setInterval(50);
        connect(&closer, &QTimer::timeout, this, [&warning] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                warning = box->text();
                box->done(QMessageBox::Ok);
            }
        });
        closer.start();
        MainWindow window(o);
        window.show();
        QTRY_VERIFY(!warning.isEmpty());
        QVERIFY2(warning.contains("not-a-db.db"), qPrintable(warning));
        QVERIFY(window.workspace().store() == nullptr);

        // Training has nowhere to keep its run: it does not start, and says so.
        window.trainActions()->train()->trigger();
        const QString issues = window.configDocument().issuesText();
        QVERIFY2(issues.contains("no workspace is open") && issues.contains("not-a-db.db") &&
                     issues.contains("File > Open workspace"),
                 qPrintable(issues));
        QString error;
        QVERIFY(window.workspace().open(m_dir.filePath("opened-later.db"), error));
        QCOMPARE(window.configDocument().issuesText(), QString());
        QVERIFY(window.trainActions()->train()->isEnabled());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
