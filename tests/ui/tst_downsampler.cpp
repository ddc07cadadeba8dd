// The per-pixel min/max reduction that keeps million-point charts fast and faithful.
#include "ui/charts/Downsampler.h"

#include <QtTest>
#include <cmath>
#include <limits>
#include <random>

using tb::ui::downsampleMinMax;

namespace {

struct Curve {
    std::vector<double> x;
    std::vector<double> y;
};

/// A random walk at x = i + 0.5, so no point sits on a column edge of an integer-wide column.
Curve randomWalk(std::size_t n, unsigned seed) {
    Curve c;
    std::mt19937 gen(seed);
    std::normal_distribution<double> step(0.0, 1.0);
    double y = 0;
    for (std::size_t i = 0; i < n; ++i) {
        y += step(gen);
        c.x.push_back(static_cast<double>(i) + 0.5);
        c.y.push_back(y);
    }
    return c;
}

std::vector<QPointF> reduce(const Curve& c, double xMin, double xMax, int columns) {
    std::vector<QPointF> out;
    downsampleMinMax(c.x.data(), c.y.data(), c.x.size(), nullptr, xMin, xMax, columns, out);
    return out;
}

} // namespace

class TestDownsampler : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keepsMinAndMaxOfEveryColumn_data() {
        QTest::addColumn<int>("points");
        QTest::addColumn<int>("columns");
        QTest::newRow("100k points, 100 columns") << 100000 << 100;
        QTest::newRow("100k points, 1000 columns") << 100000 << 1000;
        QTest::newRow("1M points, 800 columns") << 1000000 << 800;
    }

    void keepsMinAndMaxOfEveryColumn() {
        QFETCH(int, points);
        QFETCH(int, columns);
        const Curve c = randomWalk(static_cast<std::size_t>(points), 7);
        const std::vector<QPointF> out = reduce(c, 0, points, columns);
        QVERIFY(out.size() <= static_cast<std::size_t>(4 * columns));

        const double width = static_cast<double>(points) / columns;
        std::vector<double> inMin(columns, INFINITY), inMax(columns, -INFINITY);
        std::vector<double> outMin(columns, INFINITY), outMax(columns, -INFINITY);
        for (std::size_t i = 0; i < c.x.size(); ++i) {
            const auto col = static_cast<std::size_t>(c.x[i] / width);
            inMin[col] = std::min(inMin[col], c.y[i]);
            inMax[col] = std::max(inMax[col], c.y[i]);
        }
        for (const QPointF& p : out) {
            const auto col = static_cast<std::size_t>(p.x() / width);
            outMin[col] = std::min(outMin[col], p.y());
            outMax[col] = std::max(outMax[col], p.y());
        }
        for (int col = 0; col < columns; ++col) {
            QCOMPARE(outMin[col], inMin[col]);
            QCOMPARE(outMax[col], inMax[col]);
        }
    }

    void keepsOrderAndOnlyRealPoints() {
        const Curve c = randomWalk(50000, 3);
        const std::vector<QPointF> out = reduce(c, 0, 50000, 300);
        for (std::size_t i = 1; i < out.size(); ++i)
            QVERIFY(out[i].x() >= out[i - 1].x());
        for (const QPointF& p : out) {
            const auto i = static_cast<std::size_t>(p.x());
            QCOMPARE(p.x(), c.x[i]);
            QCOMPARE(p.y(), c.y[i]);
        }
    }

    void aSingleSpikeSurvives() {
        Curve c = randomWalk(1000000, 11);
        c.y[654321] = 1e9;
        const std::vector<QPointF> out = reduce(c, 0, 1000000, 500);
        const bool found =
            std::any_of(out.begin(), out.end(), [](const QPointF& p) { return p.y() == 1e9; });
        QVERIFY2(found, "the spike must be drawn, whatever the zoom");
    }

    void shortCurvesPassThrough() {
        const Curve c = randomWalk(100, 5);
        const std::vector<QPointF> out = reduce(c, 0, 100, 400);
        QCOMPARE(out.size(), c.x.size());
        for (std::size_t i = 0; i < out.size(); ++i)
            QCOMPARE(out[i], QPointF(c.x[i], c.y[i]));
    }

    void zoomKeepsTheNeighboursOutsideTheRange() {
        const Curve c = randomWalk(100000, 9);
        const std::vector<QPointF> out = reduce(c, 2500, 5000, 100);
        QVERIFY(!out.empty());
        QCOMPARE(out.front().x(), 2499.5); // the last point left of the view
        QCOMPARE(out.back().x(), 5000.5);  // the first point right of it
        for (std::size_t i = 1; i + 1 < out.size(); ++i)
            QVERIFY(out[i].x() >= 2500 && out[i].x() <= 5000);
    }

    void skipsNonFiniteValues() {
        Curve c = randomWalk(10000, 1);
        for (std::size_t i = 0; i < c.y.size(); i += 7)
            c.y[i] = std::numeric_limits<double>::quiet_NaN();
        c.y[42] = std::numeric_limits<double>::infinity();
        for (int columns : {10, 100000}) {
            const std::vector<QPointF> out = reduce(c, 0, 10000, columns);
            QVERIFY(!out.empty());
            for (const QPointF& p : out)
                QVERIFY(std::isfinite(p.y()));
        }
    }

    void degenerateInputsGiveNothing() {
        const Curve c = randomWalk(10, 2);
        std::vector<QPointF> out{{1, 1}};
        downsampleMinMax(c.x.data(), c.y.data(), 0, nullptr, 0, 10, 100, out);
        QVERIFY(out.empty());
        downsampleMinMax(c.x.data(), c.y.data(), c.x.size(), nullptr, 0, 10, 0, out);
        QVERIFY(out.empty());
        downsampleMinMax(c.x.data(), c.y.data(), c.x.size(), nullptr, 10, 0, 100, out);
        QVERIFY(out.empty());
    }

    void theExtremaIndexGivesTheSamePointsAsReadingEveryOne_data() {
        QTest::addColumn<int>("points");
        QTest::addColumn<double>("xMin");
        QTest::addColumn<double>("xMax");
        QTest::addColumn<int>("columns");
        QTest::newRow("whole curve") << 100000 << 0.0 << 100000.0 << 1200;
        QTest::newRow("zoomed, odd edges") << 100000 << 1234.5 << 71234.25 << 777;
        QTest::newRow("one level deep") << 5000 << 0.0 << 5000.0 << 300;
    }

    void theExtremaIndexGivesTheSamePointsAsReadingEveryOne() {
        QFETCH(int, points);
        QFETCH(double, xMin);
        QFETCH(double, xMax);
        QFETCH(int, columns);
        Curve c = randomWalk(static_cast<std::size_t>(points), 3);
        for (std::size_t i = 97; i < c.y.size(); i += 1013)
            c.y[i] = std::numeric_limits<double>::quiet_NaN();
        for (std::size_t i = 0; i + 1 < c.y.size(); i += 257)
            c.y[i + 1] = c.y[i]; // ties: the first of equal values wins either way

        tb::ui::ExtremaIndex index;
        // Grown in uneven steps, the last value replaced each time, as live curves do.
        for (std::size_t n = 1; n < c.y.size(); n = n * 3 + 7) {
            const double kept = c.y[n - 1];
            c.y[n - 1] = 1e9;
            index.update(c.y.data(), n);
            c.y[n - 1] = kept;
            index.update(c.y.data(), n);
        }
        index.update(c.y.data(), c.y.size());

        std::vector<QPointF> indexed;
        downsampleMinMax(c.x.data(), c.y.data(), c.x.size(), &index, xMin, xMax, columns, indexed);
        QCOMPARE(indexed, reduce(c, xMin, xMax, columns));
        QVERIFY(indexed.size() > static_cast<std::size_t>(columns));
    }
};

QTEST_GUILESS_MAIN(TestDownsampler)
#include "tst_downsampler.moc"
