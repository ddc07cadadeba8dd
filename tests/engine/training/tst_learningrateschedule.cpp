// Learning-rate schedules, step by step.
#include "engine/config/Config.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/training/LearningRateSchedule.h"

#include <QtTest>

using namespace tb::engine;

class TestLearningRateSchedule : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void schedule_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<qint64>("warmup");
        QTest::addColumn<qint64>("step");
        QTest::addColumn<double>("expected");
        QTest::addColumn<qint64>("hold");
        // 10 steps per epoch, 4 epochs, lr 0.1, gamma 0.5, step_size 2, min_lr 0.
        QTest::newRow("constant") << "constant" << qint64(0) << qint64(37) << 0.1 << qint64(0);
        QTest::newRow("step, first epochs")
            << "step" << qint64(0) << qint64(19) << 0.1 << qint64(0);
        QTest::newRow("step, after step_size")
            << "step" << qint64(0) << qint64(20) << 0.05 << qint64(0);
        QTest::newRow("halve, epoch 1") << "halve" << qint64(0) << qint64(9) << 0.1 << qint64(0);
        QTest::newRow("halve, epoch 2") << "halve" << qint64(0) << qint64(10) << 0.05 << qint64(0);
        QTest::newRow("halve, epoch 4")
            << "halve" << qint64(0) << qint64(39) << 0.0125 << qint64(0);
        QTest::newRow("cosine, start") << "cosine" << qint64(0) << qint64(0) << 0.1 << qint64(0);
        QTest::newRow("cosine, middle") << "cosine" << qint64(0) << qint64(20) << 0.05 << qint64(0);
        QTest::newRow("cosine, end") << "cosine" << qint64(0) << qint64(40) << 0.0 << qint64(0);
        QTest::newRow("warm-up, first step")
            << "constant" << qint64(4) << qint64(0) << 0.025 << qint64(0);
        QTest::newRow("warm-up, last step")
            << "constant" << qint64(4) << qint64(3) << 0.1 << qint64(0);
        QTest::newRow("cosine after warm-up starts at lr")
            << "cosine" << qint64(10) << qint64(10) << 0.1 << qint64(0);
        // The papers' adjust_learning_rate: type1 keeps lr for 2 epochs, type3 for 4.
        QTest::newRow("halve held 1, epoch 2")
            << "halve" << qint64(0) << qint64(19) << 0.1 << qint64(1);
        QTest::newRow("halve held 1, epoch 3")
            << "halve" << qint64(0) << qint64(20) << 0.05 << qint64(1);
        QTest::newRow("halve held 1, epoch 4")
            << "halve" << qint64(0) << qint64(39) << 0.025 << qint64(1);
        QTest::newRow("step held 3, epoch 4")
            << "step" << qint64(0) << qint64(39) << 0.1 << qint64(3);
        QTest::newRow("hold longer than the run")
            << "halve" << qint64(0) << qint64(39) << 0.1 << qint64(9);
    }

    void schedule() {
        QFETCH(QString, kind);
        QFETCH(qint64, warmup);
        QFETCH(qint64, step);
        QFETCH(double, expected);
        QFETCH(qint64, hold);
        Config c(experimentSchema());
        c.set("optim.lr", 0.1);
        c.set("schedule.name", kind.toStdString());
        c.set("schedule.gamma", 0.5);
        c.set("schedule.step_size", std::int64_t{2});
        c.set("schedule.warmup_steps", std::int64_t{warmup});
        c.set("schedule.hold_epochs", std::int64_t{hold});
        const LearningRateSchedule lr(c, 10, 4);
        QVERIFY2(qAbs(lr.at(step) - expected) < 1e-12,
                 qPrintable(QString("lr %1, expected %2").arg(lr.at(step)).arg(expected)));
    }
};

QTEST_GUILESS_MAIN(TestLearningRateSchedule)
#include "tst_learningrateschedule.moc"
