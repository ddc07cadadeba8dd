// Closing the window during a run asks first, and a stop leaves the workspace consistent.
#include "UiTestHelpers.h"
#include "engine/store/RunStore.h"
#include "ui/config/ConfigDocument.h"
#include "ui/config/ConfigEditor.h"
#include "ui/main/MainWindow.h"
#include "ui/main/TrainActions.h"
#include "ui/trace/RunTrace.h"
#include "ui/training/TrainingSession.h"

#include <QAbstractButton>
#include <QAction>
#include <QMessageBox>
#include <QtTest>

using namespace tb::ui;
using State = TrainingSession::State;

namespace {

/// Answers the next modal message box with `button` and remembers its text.
class BoxAnswerer : public QObject {
public:
    explicit BoxAnswerer(QMessageBox::StandardButton button)
        : m_button(button) {
        connect(&m_timer, &QTimer::timeout, this, [this] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box)
                return;
            text = box->text();
            box->button(m_button)->click();
            m_timer.stop();
        });
        m_timer.start(50);
    }
    QString text;

private:
    QMessageBox::StandardButton m_button;
    QTimer m_timer;
};

} // namespace

class TestCloseDuringRun : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { tb::test::useTemporarySettings(m_dir); }

    void init() {
        if (!tb::test::haveFashionMnist())
            QSKIP("Fashion-MNIST is not installed (apt install dataset-fashion-mnist)");
    }

    void askingFirstThenStoppingCleanly() {
        const QString db = m_dir.filePath("workspace.db");
        qint64 runId = 0;
        {
            MainWindow::Options options;
            options.databasePath = db;
            MainWindow window(options);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.configEditor()->loadPreset("fashion-mnist-mlp"));
            window.configDocument().setValue("train.epochs", std::int64_t{50});
            window.configDocument().setValue("train.log_every", std::int64_t{2});
            window.trainActions()->train()->trigger();
            QTRY_VERIFY_WITH_TIMEOUT(!window.liveTrace()->metrics().empty(), 60000);
            runId = window.session().runId();

            {
                BoxAnswerer no(QMessageBox::No);
                QVERIFY(!window.close());
                QVERIFY2(no.text.contains("still training"), qPrintable(no.text));
            }
            QVERIFY(window.isVisible());
            QCOMPARE(window.session().state(), State::Running);

            BoxAnswerer yes(QMessageBox::Yes);
            QVERIFY(window.close());
            QCOMPARE(window.session().state(), State::Idle);
        }
        const auto store =
            tb::engine::RunStore::open(db.toStdString(), tb::engine::RunStore::Mode::ReadOnly);
        const auto run = store.run(runId);
        QVERIFY(run.has_value());
        QCOMPARE(run->status, tb::engine::RunStatus::Stopped);
        QVERIFY(!run->finishedAt.empty());
        QVERIFY(!store.metricSeries(runId, "train/loss").empty());
    }
};

QTEST_MAIN(TestCloseDuringRun)
#include "tst_closeduringrun.moc"
