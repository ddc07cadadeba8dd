// Sweeps from the window: the grid dialog checks every combination as the user types, and the
// runs train one after the other, tagged together, and end in Compare.
#include "UiTestHelpers.h"
#include "engine/store/RunStore.h"
#include "ui/compare/ComparePanel.h"
#include "ui/config/ConfigDocument.h"
#include "ui/config/ConfigEditor.h"
#include "ui/main/MainWindow.h"
#include "ui/main/TrainActions.h"
#include "ui/runs/Workspace.h"
#include "ui/training/SweepDialog.h"
#include "ui/training/SweepQueue.h"
#include "ui/training/TrainingSession.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTimer>
#include <QtTest>

using namespace tb::ui;
using tb::engine::RunStatus;
using tb::engine::RunStore;
using State = TrainingSession::State;

class TestSweep : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_images;

    MainWindow::Options options(const QString& name) const {
        MainWindow::Options o;
        o.databasePath = m_dir.filePath(name);
        return o;
    }

    /// The MLP preset on a few hundred tiny images: a run takes a second.
    void makeQuick(MainWindow& window) const {
        QVERIFY(window.configEditor()->loadPreset("fashion-mnist-mlp"));
        ConfigDocument& document = window.configDocument();
        document.setValue("data.root", m_images.toStdString());
        document.setValue("data.val_fraction", 0.25);
        document.setValue("model.hidden", std::int64_t{16});
        document.setValue("train.epochs", std::int64_t{1});
        document.setValue("train.batch_size", std::int64_t{32});
        QVERIFY2(document.isValid(), qPrintable(document.issuesText()));
    }

    /// Triggers Sweep, fills the dialog with `axes` (and `tag`) and presses its Train button.
    static void sweep(MainWindow& window, const QStringList& axes, const QString& tag = {}) {
        window.trainActions()->sweep()->trigger();
        auto* dialog = window.findChild<SweepDialog*>();
        QVERIFY(dialog);
        dialog->setAxes(axes);
        dialog->findChild<QLineEdit*>("sweepTag")->setText(tag);
        auto* train = dialog->findChild<QPushButton*>("trainSweep");
        QVERIFY2(train->isEnabled(), qPrintable(dialog->problem()));
        QTest::mouseClick(train, Qt::LeftButton);
    }

    static QStringList listed(const SweepDialog& dialog) {
        QStringList texts;
        const auto* list = dialog.findChild<QListWidget*>("sweepRuns");
        for (int i = 0; i < list->count(); ++i)
            texts << list->item(i)->text();
        return texts;
    }

private Q_SLOTS:
    void initTestCase() {
        tb::test::useTemporarySettings(m_dir);
        m_images = m_dir.filePath("images");
        tb::test::writeIdxFolder(m_images, 256, 64, 10, false);
    }

    void init() { QSettings().remove("sweep"); }

    void theDialogChecksEveryCombination() {
        MainWindow window(options("dialog.db"));
        makeQuick(window);
        SweepDialog dialog(window.configDocument().config(), "fashion-mnist-mlp");
        auto* train = dialog.findChild<QPushButton*>("trainSweep");
        QVERIFY(!train->isEnabled());
        QVERIFY(!dialog.problem().isEmpty()); // nothing chosen yet

        dialog.setAxes({"train.batch_size=32, 0", "train.amp=off,bf16"});
        QCOMPARE(dialog.runs().size(), std::size_t{4});
        const QStringList runs = listed(dialog);
        QCOMPARE(runs[0], QStringLiteral("fashion-mnist-mlp (train.batch_size=32, train.amp=off)"));
        QVERIFY2(runs[2].startsWith("fashion-mnist-mlp (train.batch_size=0, train.amp=off) \u2014 "
                                    "train.batch_size: must be at least 1"),
                 qPrintable(runs[2]));
        QVERIFY2(dialog.problem().contains("2 of 4 runs cannot train"),
                 qPrintable(dialog.problem()));
        QVERIFY(!train->isEnabled());

        dialog.setAxes({"train.batch_size=32, 64", "train.amp=off,bf16"});
        QVERIFY(dialog.problem().isEmpty());
        auto* tag = dialog.findChild<QLineEdit*>("sweepTag");
        QVERIFY(tag->placeholderText().startsWith("sweep-"));
        tag->setText("bs,amp");
        QVERIFY2(dialog.problem().contains("a comma would make it two tags"),
                 qPrintable(dialog.problem()));
        tag->setText("bs-amp");
        QCOMPARE(dialog.tag(), QString("bs-amp"));
        QVERIFY(dialog.problem().isEmpty());
        QVERIFY(train->isEnabled());
        QCOMPARE(train->text(), QStringLiteral("&Train 4 runs"));
    }

    void typedRowsAreCheckedToo() {
        MainWindow window(options("typed.db"));
        SweepDialog dialog(window.configDocument().config(), "preset");
        auto* field = dialog.findChild<QComboBox*>();
        QList<QLineEdit*> edits = dialog.findChildren<QLineEdit*>();
        edits.removeAll(field->lineEdit());
        edits.removeAll(dialog.findChild<QLineEdit*>("sweepTag"));
        QLineEdit* values = edits.value(0);
        QVERIFY(values);

        QTest::keyClicks(values, "1, 2");
        QVERIFY2(dialog.problem().contains("values but no field"), qPrintable(dialog.problem()));
        field->setEditText("train.epoch");
        QVERIFY2(dialog.problem().contains("2 of 2 runs cannot train"),
                 qPrintable(dialog.problem()));
        QVERIFY2(listed(dialog)[0].contains("did you mean 'train.epochs'"),
                 qPrintable(listed(dialog)[0]));
        field->setEditText("train.epochs");
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        QCOMPARE(dialog.axes(), QStringList{"train.epochs=1, 2"});
    }

    void badGridsSayWhatToFix_data() {
        QTest::addColumn<QStringList>("axes");
        QTest::addColumn<QString>("problem");
        QTest::newRow("empty value") << QStringList{"seed=1,,2"} << "seed: an empty value";
        QTest::newRow("twice") << QStringList{"seed=1", "seed=2"} << "seed is in the grid twice";
        QTest::newRow("too many") << QStringList{"seed=1,2,3,4,5,6,7,8,9,10",
                                                 "train.epochs=1,2,3,4,5,6,7,8,9,10",
                                                 "optim.lr=1,2,3,4,5,6,7,8,9,10,11"}
                                  << "more than 1000 runs";
    }
    void badGridsSayWhatToFix() {
        QFETCH(QStringList, axes);
        QFETCH(QString, problem);
        MainWindow window(options("bad.db"));
        SweepDialog dialog(window.configDocument().config(), "preset");
        dialog.setAxes(axes);
        QVERIFY2(dialog.problem().contains(problem), qPrintable(dialog.problem()));
        QVERIFY(!dialog.findChild<QPushButton*>("trainSweep")->isEnabled());
    }

    void aChosenFieldStartsFromTheConfigsValue() {
        MainWindow window(options("field.db"));
        makeQuick(window);
        SweepDialog dialog(window.configDocument().config(), "preset");
        auto* field = dialog.findChild<QComboBox*>();
        QVERIFY(field->findText("train.batch_size") >= 0);
        QCOMPARE(field->findText("name"), -1);              // a sweep names its runs
        QCOMPARE(field->findText("model.kernel_size"), -1); // a CNN's, not this MLP's
        field->setEditText("train.batch_size");
        QList<QLineEdit*> edits = dialog.findChildren<QLineEdit*>();
        edits.removeAll(field->lineEdit());
        edits.removeAll(dialog.findChild<QLineEdit*>("sweepTag"));
        QCOMPARE(edits.size(), 1);
        QCOMPARE(edits[0]->text(), QStringLiteral("32"));
        QCOMPARE(dialog.runs().size(), std::size_t{1});
    }

    void theRowsAreRememberedForTheNextSweep() {
        MainWindow window(options("remember.db"));
        makeQuick(window);
        {
            SweepDialog dialog(window.configDocument().config(), "preset");
            dialog.setAxes({"seed=1,2", "model.hidden=8,16"});
            dialog.accept();
        }
        SweepDialog again(window.configDocument().config(), "preset");
        QCOMPARE(again.axes(), (QStringList{"seed=1,2", "model.hidden=8,16"}));

        // A field this config does not have (another model's, or gone) is dropped.
        QSettings().setValue("sweep/axes", QStringList{"seed=1,2", "model.nope=1"});
        SweepDialog other(window.configDocument().config(), "preset");
        QCOMPARE(other.axes(), QStringList{"seed=1,2"});
    }

    void theRunsTrainInTurnAndEndInCompare() {
        MainWindow window(options("sweep.db"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        makeQuick(window);
        QSignalSpy finished(window.sweepQueue(), &SweepQueue::finished);
        sweep(window, {"train.batch_size=32,64", "seed=1,2"});
        QVERIFY(window.sweepQueue()->isActive());
        QVERIFY(!window.trainActions()->train()->isEnabled());
        QVERIFY(!window.trainActions()->sweep()->isEnabled());

        QVERIFY(finished.wait(120000));
        const QList<qint64> ids = finished[0][0].value<QList<qint64>>();
        QCOMPARE(ids.size(), 4);
        QCOMPARE(finished[0][1].toInt(), 0);
        QCOMPARE(finished[0][2].toInt(), 0);
        QTRY_VERIFY(window.trainActions()->train()->isEnabled());
        QCOMPARE(window.comparePanel()->runIds(), ids);
        // Compared, a sweep's runs are told apart by their values, not the name they share.
        QCOMPARE(window.comparePanel()->table()->horizontalHeaderItem(3)->text(),
                 QString("Run %1 \u00b7 train.batch_size=64, seed=2").arg(ids[3]));

        const RunStore store =
            RunStore::open(window.workspace().path().toStdString(), RunStore::Mode::ReadOnly);
        const std::string tag = window.sweepQueue()->tag().toStdString();
        const char* const names[] = {"fashion-mnist-mlp (train.batch_size=32, seed=1)",
                                     "fashion-mnist-mlp (train.batch_size=32, seed=2)",
                                     "fashion-mnist-mlp (train.batch_size=64, seed=1)",
                                     "fashion-mnist-mlp (train.batch_size=64, seed=2)"};
        for (int i = 0; i < 4; ++i) {
            const auto run = store.run(ids[i]);
            QCOMPARE(run->name, std::string(names[i]));
            QCOMPARE(run->status, RunStatus::Finished);
            QCOMPARE(run->tags, tag);
        }
        QVERIFY(store.run(ids[3])->configYaml.find("batch_size: 64") != std::string::npos);
    }

    void aRunThatCannotStartDoesNotStopTheSweep() {
        MainWindow window(options("missing.db"));
        makeQuick(window);
        QSignalSpy notStarted(window.sweepQueue(), &SweepQueue::runNotStarted);
        QSignalSpy finished(window.sweepQueue(), &SweepQueue::finished);
        sweep(window, {"data.root=/nowhere," + m_images}, " missing-data ");
        QVERIFY(finished.wait(60000));
        QCOMPARE(notStarted.size(), 1);
        QVERIFY2(notStarted[0][1].toString().contains("/nowhere"),
                 qPrintable(notStarted[0][1].toString()));
        QCOMPARE(finished[0][0].value<QList<qint64>>().size(), 1);
        QCOMPARE(finished[0][1].toInt(), 1);
        const RunStore store =
            RunStore::open(window.workspace().path().toStdString(), RunStore::Mode::ReadOnly);
        QCOMPARE(store.listRuns()[0].run.tags, std::string("missing-data"));
        // The editor's config was not the one that failed: it shows no start problem.
        QVERIFY(window.configDocument().isValid());
    }

    void aFailedRunDoesNotStopTheSweep() {
        if (!tb::test::haveFashionMnist())
            QSKIP("Fashion-MNIST is not installed (apt install dataset-fashion-mnist)");
        MainWindow window(options("failed.db"));
        QVERIFY(window.configEditor()->loadPreset("fashion-mnist-mlp"));
        ConfigDocument& document = window.configDocument();
        // Plain SGD at a learning rate of 10 turns the loss to NaN within a few dozen steps.
        document.setValue("optim.name", std::string("sgd"));
        document.setValue("train.epochs", std::int64_t{1});
        document.setValue("train.max_batches", std::int64_t{40});
        QSignalSpy finished(window.sweepQueue(), &SweepQueue::finished);
        sweep(window, {"optim.lr=10,0.01"});
        QVERIFY(finished.wait(120000));
        const QList<qint64> ids = finished[0][0].value<QList<qint64>>();
        QCOMPARE(ids.size(), 2);
        QCOMPARE(finished[0][2].toInt(), 1);
        const RunStore store =
            RunStore::open(window.workspace().path().toStdString(), RunStore::Mode::ReadOnly);
        QCOMPARE(store.run(ids[0])->status, RunStatus::Failed);
        QCOMPARE(store.run(ids[1])->status, RunStatus::Finished);
        // No dialog per failed run: the log says why.
        QVERIFY(window.findChildren<QMessageBox*>().isEmpty());
    }

    void stopEndsTheSweep() {
        MainWindow window(options("stopped.db"));
        makeQuick(window);
        window.configDocument().setValue("train.epochs", std::int64_t{200});
        QSignalSpy finished(window.sweepQueue(), &SweepQueue::finished);
        sweep(window, {"seed=1,2,3"});
        QTRY_COMPARE_WITH_TIMEOUT(window.session().state(), State::Running, 30000);
        window.trainActions()->stop()->trigger();
        QVERIFY(finished.wait(60000));
        const QList<qint64> ids = finished[0][0].value<QList<qint64>>();
        QCOMPARE(ids.size(), 1);
        QCOMPARE(finished[0][1].toInt(), 2);
        const RunStore store =
            RunStore::open(window.workspace().path().toStdString(), RunStore::Mode::ReadOnly);
        QCOMPARE(store.listRuns().size(), std::size_t{1});
        QCOMPARE(store.run(ids[0])->status, RunStatus::Stopped);
    }

    void closingTheWindowEndsTheSweepThere() {
        MainWindow window(options("closed.db"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        makeQuick(window);
        window.configDocument().setValue("train.epochs", std::int64_t{200});
        sweep(window, {"seed=1,2"});
        QTRY_COMPARE_WITH_TIMEOUT(window.session().state(), State::Running, 30000);

        QString asked;
        QTimer::singleShot(100, [&asked] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box);
            asked = box->text();
            box->button(QMessageBox::Yes)->click();
        });
        QVERIFY(window.close());
        QVERIFY2(asked.contains("It is run 1 of 2 in a sweep"), qPrintable(asked));
        QTest::qWait(300); // a next run would be starting by now
        QCOMPARE(window.session().state(), State::Idle);
        const RunStore store =
            RunStore::open(window.workspace().path().toStdString(), RunStore::Mode::ReadOnly);
        QCOMPARE(store.listRuns().size(), std::size_t{1});
        QCOMPARE(store.listRuns()[0].run.status, RunStatus::Stopped);
    }
};

QTEST_MAIN(TestSweep)
#include "tst_sweep.moc"
