// Names of compared runs where space is short: a sweep's runs are told apart by their values.
#include "ui/trace/RunLabels.h"

#include <QTest>

using namespace tb::ui;

class TestRunLabels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void namesTellRunsApart_data() {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("a sweep's runs")
            << QStringList{"mlp (train.batch_size=64, seed=1)",
                           "mlp (train.batch_size=128, seed=1)"}
            << QStringList{"train.batch_size=64, seed=1", "train.batch_size=128, seed=1"};
        QTest::newRow("a base with parentheses")
            << QStringList{"cnn (v2) (seed=1)", "cnn (v2) (seed=2)"}
            << QStringList{"seed=1", "seed=2"};
        QTest::newRow("two sweeps") << QStringList{"mlp (seed=1)", "cnn (seed=1)"}
                                    << QStringList{"mlp (seed=1)", "cnn (seed=1)"};
        QTest::newRow("one of a sweep")
            << QStringList{"mlp (seed=1)", "mlp"} << QStringList{"mlp (seed=1)", "mlp"};
        QTest::newRow("no sweep") << QStringList{"dlinear-etth1-96", "patchtst-etth1-96"}
                                  << QStringList{"dlinear-etth1-96", "patchtst-etth1-96"};
        QTest::newRow("one run") << QStringList{"mlp (seed=1)"} << QStringList{"mlp (seed=1)"};
    }
    void namesTellRunsApart() {
        QFETCH(QStringList, names);
        QFETCH(QStringList, expected);
        QCOMPARE(distinguishingNames(names), expected);
    }

    void labelsCarryTheRunId() { QCOMPARE(runLabel(7, "seed=2"), QString("Run 7 \u00b7 seed=2")); }
};

QTEST_GUILESS_MAIN(TestRunLabels)
#include "tst_runlabels.moc"
