// The dates of a forecast's rows: spaced as the rows before them, in the common layouts of
// forecasting CSVs (hourly, quarter-hourly, daily, business days, weekly, monthly).
#include "engine/data/DataError.h"
#include "engine/data/csv/FollowingDates.h"

#include <QtTest>

using namespace tb::engine;

namespace {

DateTime at(const char* text) {
    return *parseDateTime(text);
}

/// `count` dates from `first`, `stepSeconds` apart.
std::vector<DateTime> evenlySpaced(const char* first, std::int64_t stepSeconds, int count) {
    std::vector<DateTime> dates;
    for (int i = 0; i < count; ++i)
        dates.push_back(
            DateTime::fromSecondsSinceEpoch(at(first).secondsSinceEpoch() + i * stepSeconds));
    return dates;
}

QStringList texts(const std::vector<DateTime>& dates) {
    QStringList out;
    for (const DateTime& date : dates)
        out << QString::fromStdString(date.toString());
    return out;
}

} // namespace

class TestFollowingDates : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hourlyRowsGoOnHourByHourOverMidnightAndTheYear() {
        const auto history = evenlySpaced("2017-12-31 21:00", 3600, 48);
        QCOMPARE(
            texts(followingDates(history, 3)),
            QStringList({"2018-01-02 21:00:00", "2018-01-02 22:00:00", "2018-01-02 23:00:00"}));
    }

    void quarterHoursGoOnByQuarterHours() {
        const auto history = evenlySpaced("2018-06-26 18:00", 900, 8);
        QCOMPARE(texts(followingDates(history, 2)),
                 QStringList({"2018-06-26 20:00:00", "2018-06-26 20:15:00"}));
    }

    void theCommonStepWinsOverAGap() {
        // A missing hour makes one step of two hours; the rest are one hour.
        auto history = evenlySpaced("2020-03-01 00:00", 3600, 10);
        history.erase(history.begin() + 4);
        QCOMPARE(texts(followingDates(history, 1)), QStringList({"2020-03-01 10:00:00"}));
    }

    void businessDaysSkipWeekends() {
        // Mon 2021-03-01 .. Fri 2021-03-12 without the weekend between: as exchange rates.
        std::vector<DateTime> history;
        for (const char* day :
             {"2021-03-01", "2021-03-02", "2021-03-03", "2021-03-04", "2021-03-05", "2021-03-08",
              "2021-03-09", "2021-03-10", "2021-03-11", "2021-03-12"})
            history.push_back(at(day));
        QCOMPARE(
            texts(followingDates(history, 3)),
            QStringList({"2021-03-15 00:00:00", "2021-03-16 00:00:00", "2021-03-17 00:00:00"}));
    }

    void dailyRowsWithWeekendsKeepThem() {
        const auto history = evenlySpaced("2021-03-01", 86400, 14);
        QCOMPARE(texts(followingDates(history, 2)),
                 QStringList({"2021-03-15 00:00:00", "2021-03-16 00:00:00"}));
    }

    void weeklyRowsGoOnWeekByWeek() {
        // National illness reports: every Tuesday.
        const auto history = evenlySpaced("2020-06-02", 7 * 86400, 10);
        QCOMPARE(texts(followingDates(history, 2)),
                 QStringList({"2020-08-11 00:00:00", "2020-08-18 00:00:00"}));
    }

    void monthEndRowsGoOnByCalendarMonths() {
        std::vector<DateTime> history;
        for (const char* day : {"2019-10-31", "2019-11-30", "2019-12-31", "2020-01-31"})
            history.push_back(at(day));
        QCOMPARE(
            texts(followingDates(history, 3)),
            QStringList({"2020-02-29 00:00:00", "2020-03-31 00:00:00", "2020-04-30 00:00:00"}));
    }

    void quarterlyRowsGoOnByThreeMonths() {
        std::vector<DateTime> history;
        for (const char* day : {"2019-01-01", "2019-04-01", "2019-07-01", "2019-10-01"})
            history.push_back(at(day));
        QCOMPARE(texts(followingDates(history, 1)), QStringList({"2020-01-01 00:00:00"}));
    }

    void oneRowHasNoSpacing() {
        QVERIFY_EXCEPTION_THROWN(followingDates({at("2020-01-01")}, 1), DataError);
        QVERIFY(followingDates(evenlySpaced("2020-01-01", 60, 2), 0).empty());
    }
};

QTEST_GUILESS_MAIN(TestFollowingDates)
#include "tst_followingdates.moc"
