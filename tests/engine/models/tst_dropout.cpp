// Dropout: torch::nn::Dropout's behaviour, with a mask drawn from uniform numbers.
#include "engine/models/layers/Dropout.h"

#include <QtTest>
#include <torch/utils.h>

using tb::engine::Dropout;

class TestDropout : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void evalModeIsTheIdentity() {
        Dropout dropout(0.5);
        dropout->eval();
        const auto x = torch::randn({64, 32});
        QVERIFY(torch::equal(dropout->forward(x), x));
    }

    void trainingZeroesAShareOfPAndScalesTheRest() {
        torch::manual_seed(3);
        Dropout dropout(0.3);
        const auto y = dropout->forward(torch::ones({1000, 1000}));
        const double dropped = (y == 0).to(torch::kDouble).mean().item<double>();
        QVERIFY2(std::abs(dropped - 0.3) < 0.002, qPrintable(QString::number(dropped)));
        const auto kept = y.masked_select(y != 0);
        QVERIFY(torch::allclose(kept, torch::full_like(kept, 1.0 / 0.7)));
    }

    void theGradientIsTheScaledMask() {
        torch::manual_seed(4);
        Dropout dropout(0.5);
        const auto x = torch::randn({200, 50}).requires_grad_(true);
        const auto y = dropout->forward(x);
        y.sum().backward();
        const auto mask = (y != 0).to(torch::kFloat) * 2.0;
        QVERIFY(torch::equal(x.grad(), mask));
        QVERIFY(torch::allclose(y, x.detach() * mask));
    }

    void theSameSeedDrawsTheSameMask() {
        Dropout dropout(0.2);
        const auto x = torch::randn({100, 100});
        torch::manual_seed(11);
        const auto first = dropout->forward(x);
        torch::manual_seed(11);
        QVERIFY(torch::equal(dropout->forward(x), first));
        QVERIFY(!torch::equal(dropout->forward(x), first));
    }

    void aTransposedInputKeepsItsShapeAndValues() {
        torch::manual_seed(5);
        Dropout dropout(0.4);
        const auto x = torch::randn({30, 70}).t();
        const auto y = dropout->forward(x);
        QCOMPARE(y.sizes().vec(), x.sizes().vec());
        const auto kept = y != 0;
        QVERIFY(torch::allclose(y.masked_select(kept), x.masked_select(kept) / 0.6));
    }

    void theEdgesOfPAreExact() {
        const auto x = torch::randn({50, 20});
        QVERIFY(torch::equal(Dropout(0.0)->forward(x), x));
        QVERIFY(torch::equal(Dropout(1.0)->forward(x), torch::zeros_like(x)));
    }

    void aProbabilityOutsideZeroToOneIsRefused() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Dropout(1.5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Dropout(-0.1));
    }
};

QTEST_GUILESS_MAIN(TestDropout)
#include "tst_dropout.moc"
