// Parsing the date formats of the forecasting CSVs and the calendar fields derived from them.
#include "engine/data/csv/DateTime.h"

#include <QtTest>

using namespace tb::engine;

class TestDateTime : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesTheFormatsOfTheSharedFiles_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ETT") << "2016-07-01 00:00:00"
                             << "2016-07-01 00:00:00";
        QTest::newRow("ETTm quarter hour") << "2018-06-26 19:45:00"
                                           << "2018-06-26 19:45:00";
        QTest::newRow("exchange rate") << "1990/1/1 0:00"
                                       << "1990-01-01 00:00:00";
        QTest::newRow("exchange rate, two digits") << "2010/10/10 23:59"
                                                   << "2010-10-10 23:59:00";
        QTest::newRow("date only") << "2002-01-01"
                                   << "2002-01-01 00:00:00";
        QTest::newRow("ISO T") << "2021-03-04T05:06:07"
                               << "2021-03-04 05:06:07";
        QTest::newRow("leap day") << "2016-02-29 12:00"
                                  << "2016-02-29 12:00:00";
        QTest::newRow("milliseconds, all zero") << "2016-07-01 00:00:00.000"
                                                << "2016-07-01 00:00:00";
        QTest::newRow("UTC") << "2021-03-04T05:06:07Z"
                             << "2021-03-04 05:06:07";
        QTest::newRow("offset") << "2016-07-01 00:00:00+02:00"
                                << "2016-07-01 00:00:00";
        QTest::newRow("offset without colon") << "2016-07-01 10:00-0500"
                                              << "2016-07-01 10:00:00";
        QTest::newRow("offset in hours") << "2016-07-01 10:00:00.0+01"
                                         << "2016-07-01 10:00:00";
    }
    void parsesTheFormatsOfTheSharedFiles() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const auto parsed = parseDateTime(text.toStdString());
        QVERIFY2(parsed.has_value(), qPrintable(text));
        QCOMPARE(QString::fromStdString(parsed->toString()), expected);
    }

    void rejectsWhatIsNotADate_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("words") << "yesterday";
        QTest::newRow("day first") << "01/07/2016 00:00";
        QTest::newRow("month 13") << "2016-13-01";
        QTest::newRow("February 30") << "2016-02-30";
        QTest::newRow("not a leap year") << "2017-02-29";
        QTest::newRow("hour 24") << "2016-07-01 24:00";
        QTest::newRow("minute 60") << "2016-07-01 10:60";
        QTest::newRow("mixed separators") << "2016-07/01";
        QTest::newRow("trailing text") << "2016-07-01 10:00:00 UTC";
        QTest::newRow("no minutes") << "2016-07-01 10";
        QTest::newRow("a number") << "42";
        QTest::newRow("a fraction of a second") << "2016-07-01 00:00:00.5";
        QTest::newRow("a bare point") << "2016-07-01 00:00:00.";
        QTest::newRow("offset cut short") << "2016-07-01 00:00+02:";
        QTest::newRow("offset of one digit") << "2016-07-01 00:00+2";
        QTest::newRow("offset of 25 hours") << "2016-07-01 00:00+25:00";
        QTest::newRow("time zone without a time") << "2016-07-01Z";
    }
    void rejectsWhatIsNotADate() {
        QFETCH(QString, text);
        QVERIFY2(!parseDateTime(text.toStdString()).has_value(), qPrintable(text));
    }

    void derivesTheCalendarFieldsPandasGives_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("dayOfWeek");
        QTest::addColumn<int>("dayOfYear");
        QTest::addColumn<int>("isoWeek");
        // Checked against pandas: Timestamp(...).dayofweek, .dayofyear, .isocalendar().week
        QTest::newRow("ETT start, a Friday") << "2016-07-01" << 4 << 183 << 26;
        QTest::newRow("epoch, a Thursday") << "1970-01-01" << 3 << 1 << 1;
        QTest::newRow("before the epoch") << "1969-12-31" << 2 << 365 << 1;
        QTest::newRow("week 1 of next year") << "2018-12-31" << 0 << 365 << 1;
        QTest::newRow("week 53 of last year") << "2021-01-03" << 6 << 3 << 53;
        QTest::newRow("leap year end") << "2020-12-31" << 3 << 366 << 53;
    }
    void derivesTheCalendarFieldsPandasGives() {
        QFETCH(QString, text);
        QFETCH(int, dayOfWeek);
        QFETCH(int, dayOfYear);
        QFETCH(int, isoWeek);
        const auto date = parseDateTime(text.toStdString());
        QVERIFY(date.has_value());
        QCOMPARE(date->dayOfWeek(), dayOfWeek);
        QCOMPARE(date->dayOfYear(), dayOfYear);
        QCOMPARE(date->isoWeek(), isoWeek);
    }

    void ordersAndSpacesBySeconds() {
        const auto a = parseDateTime("2016-12-31 23:45");
        const auto b = parseDateTime("2017-01-01 00:00");
        QVERIFY(a && b);
        QCOMPARE(b->secondsSinceEpoch() - a->secondsSinceEpoch(), std::int64_t{900});
        QCOMPARE(parseDateTime("1970-01-02")->secondsSinceEpoch(), std::int64_t{86400});
    }

    void secondsSinceEpochGoBackToTheSameMoment() {
        // Every 7 hours and 13 minutes from 1900 to 2100: every month, leap days and the
        // moments before 1970 included.
        const std::int64_t first = parseDateTime("1900-01-01")->secondsSinceEpoch();
        const std::int64_t last = parseDateTime("2100-12-31 23:59:59")->secondsSinceEpoch();
        for (std::int64_t seconds = first; seconds <= last; seconds += 7 * 3600 + 13 * 60 + 1) {
            const DateTime date = DateTime::fromSecondsSinceEpoch(seconds);
            QCOMPARE(date.secondsSinceEpoch(), seconds);
            QVERIFY(parseDateTime(date.toString()).has_value());
        }
        QCOMPARE(QString::fromStdString(DateTime::fromSecondsSinceEpoch(-1).toString()),
                 QString("1969-12-31 23:59:59"));
    }

    void addsCalendarMonthsKeepingTheDayOrTheMonthEnd_data() {
        QTest::addColumn<QString>("start");
        QTest::addColumn<int>("months");
        QTest::addColumn<QString>("expected");
        QTest::newRow("same day") << "2020-01-15 06:30" << 1 << "2020-02-15 06:30:00";
        QTest::newRow("into a leap February") << "2020-01-31" << 1 << "2020-02-29 00:00:00";
        QTest::newRow("into a common February") << "2021-01-30" << 1 << "2021-02-28 00:00:00";
        QTest::newRow("month end stays month end") << "2021-02-28" << 1 << "2021-03-31 00:00:00";
        QTest::newRow("over the year") << "2019-11-30" << 3 << "2020-02-29 00:00:00";
        QTest::newRow("a year") << "2016-07-01" << 12 << "2017-07-01 00:00:00";
    }
    void addsCalendarMonthsKeepingTheDayOrTheMonthEnd() {
        QFETCH(QString, start);
        QFETCH(int, months);
        QFETCH(QString, expected);
        const DateTime date = *parseDateTime(start.toStdString());
        QCOMPARE(QString::fromStdString(date.plusMonths(months).toString()), expected);
    }
};

QTEST_GUILESS_MAIN(TestDateTime)
#include "tst_datetime.moc"
