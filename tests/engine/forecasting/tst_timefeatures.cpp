// Time-Series-Library's timeF features from parsed dates.
#include "engine/data/DataError.h"
#include "engine/data/csv/TimeFeatures.h"

#include <QtTest>

using namespace tb::engine;

namespace {

std::vector<float> featuresOf(const char* date, const std::string& freq) {
    const auto features = timeFeatures({*parseDateTime(date)}, freq);
    return {features.data_ptr<float>(), features.data_ptr<float>() + features.numel()};
}

void compareClose(const std::vector<float>& actual, const std::vector<double>& expected) {
    QCOMPARE(actual.size(), expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i)
        QVERIFY2(
            std::abs(actual[i] - expected[i]) < 1e-6,
            qPrintable(QString("feature %1: %2 vs %3").arg(i).arg(actual[i]).arg(expected[i])));
}

} // namespace

class TestTimeFeatures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void countsFollowTheFrequency_data() {
        QTest::addColumn<QString>("freq");
        QTest::addColumn<qint64>("count");
        QTest::newRow("secondly") << "s" << qint64{6};
        QTest::newRow("minutely") << "t" << qint64{5};
        QTest::newRow("hourly") << "h" << qint64{4};
        QTest::newRow("daily") << "d" << qint64{3};
        QTest::newRow("business days") << "b" << qint64{3};
        QTest::newRow("weekly") << "w" << qint64{2};
        QTest::newRow("monthly") << "m" << qint64{1};
    }
    void countsFollowTheFrequency() {
        QFETCH(QString, freq);
        QFETCH(qint64, count);
        QCOMPARE(timeFeatureCount(freq.toStdString()), count);
        const auto features = timeFeatures({*parseDateTime("2016-07-01")}, freq.toStdString());
        QCOMPARE(features.size(1), count);
        QVERIFY(features.abs().max().item<float>() <= 0.5f);
    }

    void hourlyMatchesPandas() {
        // hour 0, Friday, 1st of the month, 183rd day of the year.
        compareClose(featuresOf("2016-07-01 00:00:00", "h"),
                     {-0.5, 4.0 / 6.0 - 0.5, -0.5, 182.0 / 365.0 - 0.5});
    }

    void minutelyPutsTheMinuteFirst() {
        // 19:45 on Tuesday 26 June 2018, day 177.
        compareClose(featuresOf("2018-06-26 19:45:00", "t"),
                     {45.0 / 59.0 - 0.5, 19.0 / 23.0 - 0.5, 1.0 / 6.0 - 0.5, 25.0 / 30.0 - 0.5,
                      176.0 / 365.0 - 0.5});
    }

    void weeklyAndMonthly() {
        // 30 June 2020: ISO week 27.
        compareClose(featuresOf("2020-06-30", "w"), {29.0 / 30.0 - 0.5, 26.0 / 52.0 - 0.5});
        compareClose(featuresOf("2020-06-30", "m"), {5.0 / 11.0 - 0.5});
    }

    void oneRowPerDate() {
        const std::vector<DateTime> dates{*parseDateTime("2016-07-01 00:00"),
                                          *parseDateTime("2016-07-01 01:00"),
                                          *parseDateTime("2016-07-01 02:00")};
        const auto features = timeFeatures(dates, "h");
        QCOMPARE(features.sizes(), (c10::IntArrayRef{3, 4}));
        QCOMPARE(features[2][0].item<float>(), static_cast<float>(2.0 / 23.0 - 0.5));
    }

    void rejectsAnUnknownFrequency() {
        QVERIFY_EXCEPTION_THROWN(timeFeatureCount("15min"), DataError);
        try {
            timeFeatures({}, "x");
        } catch (const DataError& e) {
            QVERIFY(QString(e.what()).contains("data.freq 'x'"));
        }
    }
};

QTEST_GUILESS_MAIN(TestTimeFeatures)
#include "tst_timefeatures.moc"
