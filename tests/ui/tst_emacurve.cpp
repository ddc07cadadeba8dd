// The smoothed line drawn over per-step curves.
#include "ui/charts/EmaCurve.h"

#include <QtTest>
#include <cmath>
#include <limits>

using tb::ui::EmaCurve;

namespace {

/// TensorBoard's formula, written out point by point.
std::vector<double> reference(const std::vector<double>& y, double w) {
    std::vector<double> out;
    double last = 0;
    int finite = 0;
    for (double v : y) {
        if (!std::isfinite(v)) {
            out.push_back(v);
            continue;
        }
        last = last * w + (1 - w) * v;
        ++finite;
        out.push_back(last / (1 - std::pow(w, finite)));
    }
    return out;
}

void compareClose(const std::vector<double>& a, const std::vector<double>& b) {
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::isnan(b[i]))
            QVERIFY(std::isnan(a[i]));
        else
            QVERIFY2(std::abs(a[i] - b[i]) <= 1e-9 * std::max(1.0, std::abs(b[i])),
                     qPrintable(QStringLiteral("point %1: %2 vs %3").arg(i).arg(a[i]).arg(b[i])));
    }
}

} // namespace

class TestEmaCurve : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesTheFormula_data() {
        QTest::addColumn<double>("weight");
        QTest::newRow("none") << 0.0;
        QTest::newRow("light") << 0.3;
        QTest::newRow("heavy") << 0.99;
    }

    void matchesTheFormula() {
        QFETCH(double, weight);
        std::vector<double> y;
        for (int i = 0; i < 500; ++i)
            y.push_back(std::sin(i * 0.1) + i * 0.01);
        EmaCurve ema;
        ema.update(y, weight);
        compareClose(ema.values(), reference(y, weight));
        if (weight == 0.0)
            compareClose(ema.values(), y);
    }

    void firstPointIsNotPulledToZero() {
        EmaCurve ema;
        ema.update({5.0}, 0.9);
        QCOMPARE(ema.values().front(), 5.0);
    }

    void growingCurveEqualsOneShot() {
        std::vector<double> y;
        EmaCurve incremental;
        for (int i = 0; i < 300; ++i) {
            y.push_back(std::cos(i * 0.37) * 3 + 1);
            if (i % 17 == 0)
                incremental.update(y, 0.8);
        }
        incremental.update(y, 0.8);
        compareClose(incremental.values(), reference(y, 0.8));
    }

    void replacedLastPointIsRecomputed() {
        std::vector<double> y{1, 2, 3, 4};
        EmaCurve ema;
        ema.update(y, 0.5);
        y.back() = 40; // an epoch summary restating the last step
        ema.update(y, 0.5);
        compareClose(ema.values(), reference(y, 0.5));
        y.push_back(5);
        ema.update(y, 0.5);
        compareClose(ema.values(), reference(y, 0.5));
    }

    void newWeightStartsOver() {
        const std::vector<double> y{3, 1, 4, 1, 5, 9, 2, 6};
        EmaCurve ema;
        ema.update(y, 0.2);
        ema.update(y, 0.9);
        compareClose(ema.values(), reference(y, 0.9));
    }

    void nonFiniteValuesPassThrough() {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const std::vector<double> y{1, nan, 3, nan, 5};
        EmaCurve ema;
        ema.update(y, 0.6);
        compareClose(ema.values(), reference(y, 0.6));
    }
};

QTEST_GUILESS_MAIN(TestEmaCurve)
#include "tst_emacurve.moc"
