#include "engine/data/csv/FollowingDates.h"

#include "engine/data/DataError.h"

#include <algorithm>
#include <map>

namespace tb::engine {
namespace {

constexpr std::int64_t kDay = 86400;

/// The step most rows take; of equally common ones, the latest seen.
std::int64_t commonStep(const std::vector<std::int64_t>& steps) {
    std::map<std::int64_t, int> counts;
    std::int64_t best = steps.back();
    for (const std::int64_t step : steps)
        if (++counts[step] >= counts[best])
            best = step;
    return best;
}

/// Months between consecutive dates when each step is one to three calendar months; 0 when
/// the rows are not monthly.
int monthlyStep(const std::vector<DateTime>& dates) {
    std::vector<std::int64_t> months;
    for (std::size_t i = 1; i < dates.size(); ++i) {
        const std::int64_t days = dates[i].daysSinceEpoch() - dates[i - 1].daysSinceEpoch();
        if (days < 28 || days > 92)
            return 0;
        months.push_back((dates[i].year - dates[i - 1].year) * 12 + dates[i].month -
                         dates[i - 1].month);
    }
    return static_cast<int>(commonStep(months));
}

bool onWeekend(const DateTime& date) {
    return date.dayOfWeek() >= 5;
}

} // namespace

std::vector<DateTime> followingDates(const std::vector<DateTime>& history, std::int64_t count) {
    if (history.size() < 2)
        throw DataError("the dates of a forecast follow the spacing of the rows before it, which "
                        "needs at least two rows");
    // The rows nearest the forecast tell its spacing best; a long file may change it.
    constexpr std::size_t kRecent = 200;
    const std::vector<DateTime> recent(
        history.end() - static_cast<std::ptrdiff_t>(std::min(kRecent, history.size())),
        history.end());
    std::vector<DateTime> out;
    if (const int months = monthlyStep(recent)) {
        for (std::int64_t i = 1; i <= count; ++i)
            out.push_back(recent.back().plusMonths(static_cast<int>(i) * months));
        return out;
    }
    std::vector<std::int64_t> steps;
    for (std::size_t i = 1; i < recent.size(); ++i)
        steps.push_back(recent[i].secondsSinceEpoch() - recent[i - 1].secondsSinceEpoch());
    const std::int64_t step = commonStep(steps);
    const bool businessDays = step == kDay && std::none_of(recent.begin(), recent.end(), onWeekend);
    std::int64_t seconds = recent.back().secondsSinceEpoch();
    while (static_cast<std::int64_t>(out.size()) < count) {
        seconds += step;
        const DateTime next = DateTime::fromSecondsSinceEpoch(seconds);
        if (!businessDays || !onWeekend(next))
            out.push_back(next);
    }
    return out;
}

} // namespace tb::engine
