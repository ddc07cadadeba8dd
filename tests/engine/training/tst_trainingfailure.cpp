// What a user reads when a run fails: NaN loss and out of memory.
#include "engine/config/Config.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/training/TrainingFailure.h"

#include <QtTest>
#include <cmath>
#include <new>

using namespace tb::engine;

class TestTrainingFailure : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nonFiniteLossNamesTheStepAndTheFix() {
        const Config config(experimentSchema());
        const NonFiniteLoss nan(120, 2, std::nan(""));
        const std::string reason = describeFailure(nan, config);
        QVERIFY2(reason.find("step 120 (epoch 2)") != std::string::npos, reason.c_str());
        QVERIFY(reason.find("lower optim.lr") != std::string::npos);
        QVERIFY(reason.find("train.grad_clip") != std::string::npos);
    }

    void outOfMemoryNamesTheBatchSize() {
        Config config(experimentSchema());
        config.set("train.batch_size", std::int64_t{4096});
        const std::string reason = describeFailure(std::bad_alloc(), config);
        QVERIFY2(reason.find("out of memory on cpu with train.batch_size 4096") !=
                     std::string::npos,
                 reason.c_str());
        QVERIFY(reason.find("train.grad_accum") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestTrainingFailure)
#include "tst_trainingfailure.moc"
