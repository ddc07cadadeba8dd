// What a user reads when a run fails: NaN loss, out of memory, and what mixed precision has to
// do with either.
#include "engine/config/Config.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/training/TrainingFailure.h"

#include <QtTest>
#include <c10/util/Exception.h>
#include <cmath>
#include <new>

using namespace tb::engine;

class TestTrainingFailure : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nonFiniteLossNamesTheStepAndTheFix() {
        const Config config(experimentSchema());
        const NonFiniteLoss nan(120, 2, std::nan(""), 8, true);
        const std::string reason = describeFailure(nan, config);
        QVERIFY2(reason.find("step 120 (epoch 2)") != std::string::npos, reason.c_str());
        QVERIFY(reason.find("lower optim.lr") != std::string::npos);
        QVERIFY(reason.find("train.grad_clip") != std::string::npos);
        QVERIFY2(reason.find("with model.init_from: run:8 a new run starts from them") !=
                     std::string::npos,
                 reason.c_str());
    }

    void aNonFiniteLossBeforeAnyCheckpointOffersNone() {
        const NonFiniteLoss nan(3, 1, std::nan(""), 8, false);
        QVERIFY2(std::string(nan.what()).find("init_from") == std::string::npos, nan.what());
    }

    void outOfMemoryNamesTheBatchSize() {
        Config config(experimentSchema());
        config.set("train.batch_size", std::int64_t{4096});
        const std::string reason = describeFailure(std::bad_alloc(), config);
        QVERIFY2(reason.find("out of memory on cpu with train.batch_size 4096") !=
                     std::string::npos,
                 reason.c_str());
        QVERIFY(reason.find("train.grad_accum") != std::string::npos);
        QVERIFY2(reason.find("train.amp bf16") != std::string::npos, reason.c_str());
        config.set("train.amp", std::string("bf16"));
        QVERIFY(describeFailure(std::bad_alloc(), config).find("train.amp") == std::string::npos);
    }

    void fp16OverflowSuggestsBf16() {
        Config config(experimentSchema());
        const NonFiniteLoss inf(7, 1, HUGE_VAL, 1, false);
        QVERIFY(describeFailure(inf, config).find("bf16") == std::string::npos);
        config.set("train.amp", std::string("fp16"));
        const std::string reason = describeFailure(inf, config);
        QVERIFY2(reason.find("65504") != std::string::npos, reason.c_str());
        QVERIFY(reason.find("try bf16") != std::string::npos);
    }

    void operatorErrorsUnderAutocastNameThePrecision() {
        Config config(experimentSchema());
        const c10::Error mismatch("expected scalar type BFloat16 but found Float", "");
        QCOMPARE(describeFailure(mismatch, config),
                 std::string("LibTorch error: expected scalar type BFloat16 but found Float"));
        config.set("train.amp", std::string("bf16"));
        const std::string reason = describeFailure(mismatch, config);
        QVERIFY2(reason.find("under train.amp bf16") != std::string::npos, reason.c_str());
        QVERIFY(reason.find("set train.amp to off") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestTrainingFailure)
#include "tst_trainingfailure.moc"
