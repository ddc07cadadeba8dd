// The forecasting models: shapes for every feature mode, and the parts that papers define.
#include "ForecastTestHelpers.h"
#include "engine/models/forecasting/DLinear.h"
#include "engine/models/forecasting/Informer.h"
#include "engine/models/forecasting/InformerAttention.h"
#include "engine/models/forecasting/LstmForecaster.h"
#include "engine/models/forecasting/PatchTST.h"
#include "engine/models/forecasting/RevIN.h"
#include "engine/training/Autocast.h"

#include <QtTest>
#include <tuple>

using namespace tb::engine;
using namespace tb::test;

namespace {

ForecastShape shape(std::int64_t seqLen, std::int64_t labelLen, std::int64_t predLen,
                    std::int64_t channels, std::int64_t outputs) {
    ForecastShape s;
    s.seqLen = seqLen;
    s.labelLen = labelLen;
    s.predLen = predLen;
    s.channels = channels;
    s.outputs = outputs;
    s.timeFeatures = 4;
    return s;
}

std::shared_ptr<Model> makeModel(const QString& name, const ForecastShape& s) {
    if (name == "dlinear") {
        DLinearOptions o;
        o.shape = s;
        return std::make_shared<DLinear>(o);
    }
    if (name == "dlinear individual") {
        DLinearOptions o;
        o.shape = s;
        o.individual = true;
        return std::make_shared<DLinear>(o);
    }
    if (name == "patchtst") {
        PatchTstOptions o;
        o.shape = s;
        o.dModel = 16;
        o.heads = 4;
        o.dFf = 32;
        return std::make_shared<PatchTST>(o);
    }
    if (name == "informer") {
        InformerOptions o;
        o.shape = s;
        o.dModel = 32;
        o.heads = 4;
        o.dFf = 64;
        return std::make_shared<Informer>(o);
    }
    LstmOptions o;
    o.shape = s;
    o.hidden = 16;
    return std::make_shared<LstmForecaster>(o);
}

} // namespace

class TestForecastModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void forecastsPredLenStepsOfTheOutputs_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<qint64>("outputs");
        for (const char* model :
             {"dlinear", "dlinear individual", "patchtst", "informer", "lstm"}) {
            QTest::addRow("%s M", model) << QString(model) << qint64{5};
            QTest::addRow("%s MS", model) << QString(model) << qint64{1};
        }
    }
    void forecastsPredLenStepsOfTheOutputs() {
        QFETCH(QString, model);
        QFETCH(qint64, outputs);
        torch::manual_seed(1);
        auto m = makeModel(model, shape(64, 16, 12, 5, outputs));
        const Batch b = randomBatch(3, 64, 16, 12, 5);
        const auto y = m->forward(b);
        QCOMPARE(y.sizes(), (c10::IntArrayRef{3, 12, outputs}));
        QVERIFY(torch::isfinite(y).all().item<bool>());
        y.square().mean().backward();
        for (const auto& p : m->parameters())
            QVERIFY(!p.requires_grad() ||
                    (p.grad().defined() && torch::isfinite(p.grad()).all().item<bool>()));
    }

    void trainUnderBf16Autocast_data() {
        QTest::addColumn<QString>("model");
        for (const char* model : {"dlinear", "dlinear individual", "patchtst", "informer", "lstm"})
            QTest::addRow("%s", model) << QString(model);
    }
    void trainUnderBf16Autocast() {
        QFETCH(QString, model);
        torch::manual_seed(1);
        auto m = makeModel(model, shape(64, 16, 12, 5, 5));
        const Batch b = randomBatch(3, 64, 16, 12, 5);
        torch::Tensor y;
        {
            const AutocastScope autocast(torch::kCPU, torch::kBFloat16);
            y = m->forward(b).to(torch::kFloat);
        }
        QCOMPARE(y.sizes(), (c10::IntArrayRef{3, 12, 5}));
        QVERIFY(torch::isfinite(y).all().item<bool>());
        y.square().mean().backward();
        for (const auto& p : m->parameters()) {
            QCOMPARE(p.scalar_type(), torch::kFloat); // weights stay float32
            QVERIFY(!p.requires_grad() ||
                    (p.grad().defined() && torch::isfinite(p.grad()).all().item<bool>()));
        }
    }

    void decoderNeverSeesTheForecastRows() {
        torch::manual_seed(2);
        auto m = makeModel("informer", shape(32, 8, 8, 3, 3));
        m->eval();
        Batch b = randomBatch(2, 32, 8, 8, 3);
        torch::manual_seed(5);
        const auto before = m->forward(b);
        b.target.narrow(1, 8, 8).fill_(1000.0f);
        torch::manual_seed(5); // ProbSparse draws the same keys
        QVERIFY(torch::allclose(before, m->forward(b)));
    }

    void dlinearTrendIsTheEdgePaddedMovingAverage() {
        DLinearOptions o;
        o.shape = shape(6, 0, 2, 1, 1);
        o.movingAverage = 3;
        const DLinear m(o);
        const auto x = torch::tensor(std::vector<float>{1, 2, 4, 8, 16, 32}).view({1, 6, 1});
        const auto trend = m.trend(x).flatten();
        const std::vector<float> expected{4.0f / 3,  7.0f / 3,  14.0f / 3,
                                          28.0f / 3, 56.0f / 3, 80.0f / 3};
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY(std::abs(trend[static_cast<std::int64_t>(i)].item<float>() - expected[i]) <
                    1e-5f);
        o.movingAverage = 4;
        QVERIFY_EXCEPTION_THROWN(DLinear{o}, std::invalid_argument);
    }

    void patchTstMakesFortyTwoPatchesOfThreeHundredThirtySix() {
        PatchTstOptions o;
        o.shape = shape(336, 48, 96, 7, 7);
        QCOMPARE(PatchTST(o).patchCount(), std::int64_t{42});
        o.padEnd = false;
        QCOMPARE(PatchTST(o).patchCount(), std::int64_t{41});
        o.dModel = 100;
        QVERIFY_EXCEPTION_THROWN(PatchTST{o}, std::invalid_argument);
        o.dModel = 128;
        o.patchLen = 400;
        QVERIFY_EXCEPTION_THROWN(PatchTST{o}, std::invalid_argument);
    }

    void patchTstIsChannelIndependentAndScaleEquivariant() {
        torch::manual_seed(4);
        auto m = makeModel("patchtst", shape(64, 16, 12, 3, 3));
        m->eval();
        Batch b = randomBatch(2, 64, 16, 12, 3);
        const auto base = m->forward(b);
        // RevIN: shifting and scaling one channel's input does the same to its forecast only.
        b.input.select(2, 1).mul_(3.0f).add_(10.0f);
        const auto moved = m->forward(b);
        QVERIFY(torch::allclose(moved.select(2, 1), base.select(2, 1) * 3 + 10, 1e-3, 1e-3));
        QVERIFY(torch::allclose(moved.select(2, 0), base.select(2, 0), 1e-5, 1e-5));
    }

    void revinRoundTrips() {
        RevIN revin(3, true, false);
        torch::manual_seed(6);
        const auto x = torch::randn({4, 20, 3}) * 5 + 2;
        const auto normalized = revin.normalize(x);
        QVERIFY(normalized.mean(1).abs().max().item<float>() < 1e-5f);
        QVERIFY(torch::allclose(revin.denormalize(normalized), x, 1e-4, 1e-4));
    }

    void probSparseEqualsFullAttentionWhenEveryQueryIsKept_data() {
        QTest::addColumn<bool>("causal");
        QTest::newRow("encoder") << false;
        QTest::newRow("decoder, causal") << true;
    }
    void probSparseEqualsFullAttentionWhenEveryQueryIsKept() {
        QFETCH(bool, causal);
        torch::manual_seed(8);
        const auto q = torch::randn({2, 3, 10, 4});
        const auto k = torch::randn({2, 3, 10, 4});
        const auto v = torch::randn({2, 3, 10, 5});
        Dropout none(0.0);
        // factor 5: 5 * ceil(ln 10) = 15 >= 10 queries.
        QVERIFY(torch::allclose(probSparseAttention(q, k, v, 5, causal),
                                fullAttention(q, k, v, causal, none), 1e-5, 1e-5));
    }

    void probSparseScoresFewQueriesAndFillsTheRest() {
        torch::manual_seed(9);
        const auto q = torch::randn({1, 1, 100, 4});
        const auto k = torch::randn({1, 1, 100, 4});
        const auto v = torch::randn({1, 1, 100, 2});
        // factor 1: ceil(ln 100) = 5 queries attend; the other 95 take the mean of the values.
        const auto out = probSparseAttention(q, k, v, 1, false);
        const auto mean = v.mean(2);
        const auto isMean = (out - mean.unsqueeze(2)).abs().amax(-1).lt(1e-6);
        QCOMPARE(isMean.sum().item<std::int64_t>(), std::int64_t{95});
        // Causal: the lazy queries take the running sum of the values.
        const auto causalOut = probSparseAttention(q, k, v, 1, true);
        const auto isCumsum = (causalOut - v.cumsum(2)).abs().amax(-1).lt(1e-5);
        QVERIFY(isCumsum.sum().item<std::int64_t>() >= 95);
    }

    void sampledScoresPairEachQueryWithItsDrawnKeys_data() {
        QTest::addColumn<std::int64_t>("blockElements");
        QTest::newRow("one block") << (std::int64_t{1} << 26);
        // 2 queries a block over 2x3 heads and 9 keys: blocks of 2, 2, 2 and 1 queries.
        QTest::newRow("ragged blocks") << std::int64_t{2 * 3 * 9 * 2};
    }
    void sampledScoresPairEachQueryWithItsDrawnKeys() {
        QFETCH(std::int64_t, blockElements);
        torch::manual_seed(10);
        const auto q = torch::randn({2, 3, 7, 4});
        const auto k = torch::randn({2, 3, 9, 4});
        const auto drawn = torch::randint(9, {7, 5}, torch::kInt64);
        const auto scores = sampledScores(q, k, drawn, blockElements);
        QCOMPARE(scores.sizes(), (c10::IntArrayRef{2, 3, 7, 5}));
        for (std::int64_t i = 0; i < 7; ++i) {
            for (std::int64_t j = 0; j < 5; ++j) {
                const auto key = k.select(2, drawn[i][j].item<std::int64_t>());
                const auto expected = (q.select(2, i) * key).sum(-1); // [B,H]
                QVERIFY(torch::allclose(scores.select(2, i).select(2, j), expected, 1e-5, 1e-5));
            }
        }
    }

    void probSparseAttendsWithThePeakedQueries() {
        torch::manual_seed(11);
        // Positive keys: a positive query scores every key above zero, so its max exceeds its
        // mean; the zero queries score 0 everywhere and are not peaked at all.
        const auto k = torch::rand({2, 2, 10, 4}) + 0.1;
        const auto v = torch::randn({2, 2, 10, 3});
        auto q = torch::zeros({2, 2, 10, 4});
        const std::vector<std::vector<std::int64_t>> peaked{
            {0, 4, 9}, {1, 2, 3}, {5, 6, 7}, {2, 8, 9}};
        for (std::int64_t head = 0; head < 4; ++head) {
            for (const auto query : peaked[static_cast<std::size_t>(head)])
                q[head / 2][head % 2][query] = torch::rand({4}) * 3 + 1;
        }
        // factor 1: ceil(ln 10) = 3 queries attend; the others take the mean of the values.
        const auto out = probSparseAttention(q, k, v, 1, false);
        const auto attended = (out - v.mean(2, true)).abs().amax(-1).gt(1e-6); // [B,H,L]
        for (std::int64_t head = 0; head < 4; ++head) {
            const auto rows = attended[head / 2][head % 2].nonzero().flatten();
            QCOMPARE(rows.size(0), std::int64_t{3});
            for (std::int64_t i = 0; i < 3; ++i)
                QCOMPARE(rows[i].item<std::int64_t>(),
                         peaked[static_cast<std::size_t>(head)][static_cast<std::size_t>(i)]);
        }
    }

    void informerDistilsTheEncoder() {
        // Run with and without distilling: both must work for seq lengths that halve unevenly.
        for (const bool distil : {true, false}) {
            InformerOptions o;
            o.shape = shape(45, 20, 7, 2, 2);
            o.dModel = 16;
            o.heads = 2;
            o.dFf = 16;
            o.encoderLayers = 3;
            o.distil = distil;
            Informer m(o);
            QCOMPARE(m.forward(randomBatch(2, 45, 20, 7, 2)).sizes(), (c10::IntArrayRef{2, 7, 2}));
        }
        // Distilled down to one step, and a decoder of one step: ProbSparse still attends.
        for (const auto& [seqLen, labelLen, layers] :
             {std::tuple{8, 0, 4}, std::tuple{1, 0, 2}, std::tuple{4, 2, 3}}) {
            InformerOptions o;
            o.shape = shape(seqLen, labelLen, 1, 2, 2);
            o.dModel = 16;
            o.heads = 2;
            o.dFf = 16;
            o.encoderLayers = layers;
            Informer m(o);
            const torch::Tensor y = m.forward(randomBatch(2, seqLen, labelLen, 1, 2));
            QCOMPARE(y.sizes(), (c10::IntArrayRef{2, 1, 2}));
            QVERIFY(torch::isfinite(y).all().item<bool>());
        }
    }
};

QTEST_GUILESS_MAIN(TestForecastModels)
#include "tst_forecastmodels.moc"
