// parseDateTime on any text: nothing, or a real calendar date that prints and reads back the same.
#include "FuzzInput.h"
#include "engine/data/csv/DateTime.h"

using namespace tb::engine;
using tb::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::optional<DateTime> parsed = parseDateTime(tb::fuzz::textOf(data, size));
    if (!parsed)
        return 0;
    require(parsed->month >= 1 && parsed->month <= 12 && parsed->day >= 1 && parsed->day <= 31,
            "month and day are in range");
    require(parsed->hour >= 0 && parsed->hour < 24 && parsed->minute >= 0 && parsed->minute < 60 &&
                parsed->second >= 0 && parsed->second < 60,
            "the time of day is in range");
    require(parsed->dayOfWeek() >= 0 && parsed->dayOfWeek() <= 6, "a weekday is 0-6");
    require(parsed->dayOfYear() >= 1 && parsed->dayOfYear() <= 366, "a day of the year is 1-366");
    require(parsed->isoWeek() >= 1 && parsed->isoWeek() <= 53, "an ISO week is 1-53");

    const std::optional<DateTime> again = parseDateTime(parsed->toString());
    require(again && again->secondsSinceEpoch() == parsed->secondsSinceEpoch(),
            "toString() reads back as the same time");
    return 0;
}
