#include "engine/data/csv/DateTime.h"

#include <cstdio>

namespace tb::engine {
namespace {

bool isLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

// Howard Hinnant's days_from_civil: exact for every proleptic Gregorian date.
std::int64_t daysFromCivil(std::int64_t year, int month, int day) {
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const std::int64_t yearOfEra = year - era * 400;
    const std::int64_t dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

// Howard Hinnant's civil_from_days, the inverse of daysFromCivil.
DateTime civilFromDays(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t dayOfEra = days - era * 146097;
    const std::int64_t yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const std::int64_t shiftedMonth = (5 * dayOfYear + 2) / 153; // March is 0
    DateTime out;
    out.day = static_cast<int>(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    out.month = static_cast<int>(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    out.year = static_cast<int>(yearOfEra + era * 400 + (out.month <= 2 ? 1 : 0));
    return out;
}

/// Reads 1 to `maxDigits` digits at `pos`, advancing it; false when there is none.
bool readNumber(std::string_view text, std::size_t& pos, int maxDigits, int& value) {
    value = 0;
    int digits = 0;
    while (pos < text.size() && digits < maxDigits && text[pos] >= '0' && text[pos] <= '9') {
        value = value * 10 + (text[pos] - '0');
        ++pos;
        ++digits;
    }
    return digits > 0;
}

bool readChar(std::string_view text, std::size_t& pos, char expected) {
    if (pos < text.size() && text[pos] == expected) {
        ++pos;
        return true;
    }
    return false;
}

bool readDate(std::string_view text, std::size_t& pos, DateTime& out) {
    if (!readNumber(text, pos, 4, out.year) || pos != 4)
        return false;
    if (pos >= text.size() || (text[pos] != '-' && text[pos] != '/'))
        return false;
    const char separator = text[pos++];
    return readNumber(text, pos, 2, out.month) && readChar(text, pos, separator) &&
           readNumber(text, pos, 2, out.day);
}

bool readTime(std::string_view text, std::size_t& pos, DateTime& out) {
    if (!readNumber(text, pos, 2, out.hour) || !readChar(text, pos, ':') ||
        !readNumber(text, pos, 2, out.minute))
        return false;
    if (readChar(text, pos, ':') && !readNumber(text, pos, 2, out.second))
        return false;
    return true;
}

/// Reads past a fraction of a second that is zero (`.000`, as spreadsheets and pandas export
/// whole seconds); false for any other fraction, which a DateTime cannot hold.
bool readZeroFraction(std::string_view text, std::size_t& pos) {
    if (!readChar(text, pos, '.'))
        return true;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] == '0')
        ++pos;
    return pos > start && (pos == text.size() || text[pos] < '0' || text[pos] > '9');
}

/// Reads past a time zone: `Z`, or an offset `+02:00`, `-0500`, `+01`; leaves `pos` where it was
/// when what follows is none of these.
void readTimeZone(std::string_view text, std::size_t& pos) {
    if (readChar(text, pos, 'Z'))
        return;
    std::size_t at = pos;
    if (!readChar(text, at, '+') && !readChar(text, at, '-'))
        return;
    int hours = 0;
    const std::size_t hoursAt = at;
    if (!readNumber(text, at, 2, hours) || at - hoursAt != 2 || hours > 23)
        return;
    const bool colon = readChar(text, at, ':');
    int minutes = 0;
    const std::size_t minutesAt = at;
    const bool haveMinutes = readNumber(text, at, 2, minutes);
    if ((colon && !haveMinutes) || (haveMinutes && (at - minutesAt != 2 || minutes > 59)))
        return;
    pos = at;
}

bool isValid(const DateTime& d) {
    return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= daysInMonth(d.year, d.month) &&
           d.hour <= 23 && d.minute <= 59 && d.second <= 59;
}

} // namespace

std::int64_t DateTime::daysSinceEpoch() const {
    return daysFromCivil(year, month, day);
}

std::int64_t DateTime::secondsSinceEpoch() const {
    return daysSinceEpoch() * 86400 + hour * 3600 + minute * 60 + second;
}

int DateTime::dayOfWeek() const {
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    const std::int64_t shifted = (daysSinceEpoch() + 3) % 7;
    return static_cast<int>(shifted < 0 ? shifted + 7 : shifted);
}

int DateTime::dayOfYear() const {
    return static_cast<int>(daysSinceEpoch() - daysFromCivil(year, 1, 1)) + 1;
}

int DateTime::isoWeek() const {
    // The ISO week belongs to the year of its Thursday.
    const std::int64_t thursday = daysSinceEpoch() - dayOfWeek() + 3;
    DateTime jan1;
    jan1.year = year + (thursday < daysFromCivil(year, 1, 1) ? -1 : 0);
    if (thursday >= daysFromCivil(year + 1, 1, 1))
        jan1.year = year + 1;
    return static_cast<int>((thursday - jan1.daysSinceEpoch()) / 7) + 1;
}

std::string DateTime::toString() const {
    char text[32];
    std::snprintf(text, sizeof(text), "%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour,
                  minute, second);
    return text;
}

DateTime DateTime::fromSecondsSinceEpoch(std::int64_t seconds) {
    std::int64_t days = seconds / 86400;
    std::int64_t rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    DateTime out = civilFromDays(days);
    out.hour = static_cast<int>(rest / 3600);
    out.minute = static_cast<int>(rest % 3600 / 60);
    out.second = static_cast<int>(rest % 60);
    return out;
}

DateTime DateTime::plusMonths(int months) const {
    const bool monthEnd = day == daysInMonth(year, month);
    const int zeroBased = year * 12 + (month - 1) + months;
    DateTime out = *this;
    out.year = zeroBased / 12;
    out.month = zeroBased % 12 + 1;
    const int last = daysInMonth(out.year, out.month);
    out.day = monthEnd || day > last ? last : day;
    return out;
}

std::optional<DateTime> parseDateTime(std::string_view text) {
    DateTime out;
    std::size_t pos = 0;
    if (!readDate(text, pos, out))
        return std::nullopt;
    if (pos < text.size()) {
        if (text[pos] != ' ' && text[pos] != 'T')
            return std::nullopt;
        ++pos;
        if (!readTime(text, pos, out) || !readZeroFraction(text, pos))
            return std::nullopt;
        readTimeZone(text, pos);
        if (pos != text.size())
            return std::nullopt;
    }
    if (!isValid(out))
        return std::nullopt;
    return out;
}

} // namespace tb::engine
