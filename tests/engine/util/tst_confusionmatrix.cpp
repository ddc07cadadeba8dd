// ConfusionMatrix: per-class precision, recall and F1 as scikit-learn computes them, and the
// CSV a classifier's test leaves, read back the same and refused with a reason when damaged.
#include "engine/util/ConfusionMatrix.h"

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <stdexcept>

using namespace tb::engine;

namespace {

/// y_true = [0]*40 + [1]*60, predictions: 30 of class 0 right, 10 taken for 1; 45 of class 1
/// right, 15 taken for 0; class 2 never occurs and is predicted once (a sample of class 1).
ConfusionMatrix sample() {
    ConfusionMatrix m({"cat", "dog", "bird, small"});
    m.add(0, 0, 30);
    m.add(0, 1, 10);
    m.add(1, 0, 14);
    m.add(1, 1, 45);
    m.add(1, 2, 1);
    return m;
}

} // namespace

class TestConfusionMatrix : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void countsRowsAndColumns() {
        const ConfusionMatrix m = sample();
        QCOMPARE(m.total(), std::int64_t{100});
        QCOMPARE(m.support(0), std::int64_t{40});
        QCOMPARE(m.support(1), std::int64_t{60});
        QCOMPARE(m.support(2), std::int64_t{0});
        QCOMPARE(m.predictedAs(0), std::int64_t{44});
        QCOMPARE(m.predictedAs(2), std::int64_t{1});
        QCOMPARE(m.accuracy(), 0.75);
    }

    // scikit-learn's definitions (precision_recall_fscore_support with zero_division=0,
    // f1_score with average="macro" over the labels that occur or are predicted), by hand.
    void scoresMatchScikitLearn() {
        const ConfusionMatrix m = sample();
        QCOMPARE(m.precision(0), 30.0 / 44.0);
        QCOMPARE(m.recall(0), 0.75);
        QCOMPARE(m.f1(0), 60.0 / 84.0);
        QCOMPARE(m.precision(1), 45.0 / 55.0);
        QCOMPARE(m.recall(1), 0.75);
        QCOMPARE(m.f1(1), 90.0 / 115.0);
        QCOMPARE(m.precision(2), 0.0);
        QCOMPARE(m.recall(2), 0.0);
        QCOMPARE(m.f1(2), 0.0);
        QVERIFY(qAbs(m.macroF1() - (60.0 / 84.0 + 90.0 / 115.0 + 0.0) / 3.0) < 1e-15);
    }

    void aClassThatNeverOccursNorIsPredictedLeavesTheMacroMeanAlone() {
        ConfusionMatrix m({"a", "b", "unused"});
        m.add(0, 0, 5);
        m.add(1, 1, 5);
        QCOMPARE(m.macroF1(), 1.0);
    }

    void namesTheClassMostOftenTakenFor() {
        const ConfusionMatrix m = sample();
        QCOMPARE(m.mostConfusedWith(0), 1);
        QCOMPARE(m.mostConfusedWith(1), 0);
        QCOMPARE(m.mostConfusedWith(2), -1);
    }

    void scoreRowsAreWhatRunsShowPrints() {
        const auto rows = sample().scoreRows();
        QCOMPARE(rows.size(), std::size_t{5});
        QCOMPARE(rows[0], (std::vector<std::string>{"class", "samples", "precision", "recall", "F1",
                                                    "most often taken for"}));
        QCOMPARE(rows[1],
                 (std::vector<std::string>{"cat", "40", "0.682", "0.750", "0.714", "dog (10)"}));
        QCOMPARE(rows[3],
                 (std::vector<std::string>{"bird, small", "0", "0.000", "0.000", "0.000", "-"}));
        QCOMPARE(rows[4],
                 (std::vector<std::string>{"all", "100", "", "", "0.499 macro", "accuracy 0.750"}));
        QCOMPARE(sample().countRows()[2], (std::vector<std::string>{"dog", "14", "45", "1"}));
    }

    void csvRoundTrips() {
        const ConfusionMatrix m = sample();
        const std::string csv = m.toCsv();
        QCOMPARE(csv.substr(0, csv.find('\n')),
                 std::string("true \\ predicted,cat,dog,\"bird, small\""));
        const ConfusionMatrix read = ConfusionMatrix::fromCsv(csv);
        QCOMPARE(read.classNames(), m.classNames());
        for (int t = 0; t < 3; ++t)
            for (int p = 0; p < 3; ++p)
                QCOMPARE(read.count(t, p), m.count(t, p));
    }

    void aFileThatCannotBeReadIsNamed() {
        QTemporaryDir dir;
        const std::string missing = dir.filePath("gone.csv").toStdString();
        try {
            ConfusionMatrix::readCsvFile(missing);
            QFAIL("a missing file was read");
        } catch (const std::runtime_error& e) {
            QCOMPARE(std::string(e.what()),
                     "cannot read " + missing + ": No such file or directory");
        }
        const std::string empty = dir.filePath("empty.csv").toStdString();
        std::ofstream{empty};
        try {
            ConfusionMatrix::readCsvFile(empty);
            QFAIL("an empty file was read");
        } catch (const std::runtime_error& e) {
            QCOMPARE(std::string(e.what()), empty + " is damaged: the file is empty");
        }
    }

    void damagedCsvIsRefusedWithTheReason_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << ""
                               << "the file is empty";
        QTest::newRow("no classes") << "true \\ predicted\n"
                                    << "line 1 names no classes";
        QTest::newRow("cut short") << "x,a,b\na,1,2\n"
                                   << "it ends after line 2, before the row of class 'b'";
        QTest::newRow("short row") << "x,a,b\na,1\nb,3,4\n"
                                   << "line 2 has 2 fields, not 3";
        QTest::newRow("not a count") << "x,a,b\na,1,2\nb,3,x\n"
                                     << "line 3: 'x' is not a count";
        QTest::newRow("negative") << "x,a,b\na,1,-2\nb,3,4\n"
                                  << "line 2: '-2' is not a count";
    }

    void damagedCsvIsRefusedWithTheReason() {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        try {
            ConfusionMatrix::fromCsv(text.toStdString());
            QFAIL("a damaged table was read");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QString::fromStdString(e.what()), reason);
        }
    }
};

QTEST_APPLESS_MAIN(TestConfusionMatrix)
#include "tst_confusionmatrix.moc"
