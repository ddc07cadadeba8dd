// Best-value tracking and patience.
#include "engine/training/EarlyStopping.h"

#include <QtTest>

using namespace tb::engine;

class TestEarlyStopping : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lowerIsBetter() {
        EarlyStopping es(false, 2, 0.0);
        QVERIFY(es.update(1.0));
        QVERIFY(es.update(0.8));
        QVERIFY(!es.update(0.9));
        QVERIFY(!es.shouldStop());
        QVERIFY(!es.update(0.8)); // equal is no improvement
        QVERIFY(es.shouldStop());
        QCOMPARE(es.best(), 0.8);
    }

    void higherIsBetterWithMinDelta() {
        EarlyStopping es(true, 1, 0.01);
        QVERIFY(es.update(0.80));
        QVERIFY(!es.update(0.805)); // below min_delta
        QVERIFY(es.shouldStop());
    }

    void improvementResetsPatience() {
        EarlyStopping es(false, 2, 0.0);
        es.update(1.0);
        es.update(1.1);
        QVERIFY(es.update(0.5));
        es.update(0.6);
        QVERIFY(!es.shouldStop());
    }

    void zeroPatienceNeverStops() {
        EarlyStopping es(false, 0, 0.0);
        es.update(1.0);
        for (int i = 0; i < 10; ++i)
            es.update(2.0);
        QVERIFY(!es.shouldStop());
    }
};

QTEST_GUILESS_MAIN(TestEarlyStopping)
#include "tst_earlystopping.moc"
