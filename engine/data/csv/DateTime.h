// Calendar timestamps of a time-series CSV's date column.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tb::engine {

/// A civil date and time without a time zone, as written in a CSV's date column.
struct DateTime {
    int year = 1970;
    int month = 1; ///< 1-12
    int day = 1;   ///< 1-31
    int hour = 0;
    int minute = 0;
    int second = 0;

    /// Days since 1970-01-01 (negative before).
    std::int64_t daysSinceEpoch() const;
    /// Seconds since 1970-01-01 00:00:00; orders and spaces the rows.
    std::int64_t secondsSinceEpoch() const;
    /// 0 = Monday ... 6 = Sunday (pandas' `dayofweek`).
    int dayOfWeek() const;
    /// 1 = January 1st.
    int dayOfYear() const;
    /// ISO 8601 week number, 1-53 (pandas' `isocalendar().week`).
    int isoWeek() const;
    /// `YYYY-MM-DD HH:MM:SS`.
    std::string toString() const;

    /// The moment `seconds` after 1970-01-01 00:00:00 (before it when negative).
    static DateTime fromSecondsSinceEpoch(std::int64_t seconds);
    /// The same time `months` calendar months later; the day is kept, or becomes the last of
    /// the month when it is a month's last day or the month is shorter (Jan 31 + 1: Feb 28/29).
    DateTime plusMonths(int months) const;
};

/// Parses the date formats of the usual forecasting CSVs: year first, `-` or `/` between the
/// date parts, optionally a time after a space or `T` with hours and minutes (seconds
/// optional): `2016-07-01 00:00:00`, `1990/1/1 0:00`, `2002-01-01`, `2021-03-04T05:06`. A zero
/// fraction of a second (`00:00:00.000`) and a time zone after the time (`Z`, `+02:00`,
/// `-0500`) are read past: the time stays the clock time written, which is what the time
/// features describe (pandas' `.dt.hour` of such a date is the same). Returns nullopt for
/// anything else, including impossible dates (2017-02-29, 24:00) and fractions of a second.
std::optional<DateTime> parseDateTime(std::string_view text);

} // namespace tb::engine
