#include "engine/data/csv/TimeFeatures.h"

#include "engine/data/DataError.h"

#include <array>

namespace tb::engine {
namespace {

using Feature = float (*)(const DateTime&);

// Computed in double and rounded once, as numpy does before the tensors become float.
float centred(int value, double span) {
    return static_cast<float>(value / span - 0.5);
}

float secondOfMinute(const DateTime& d) {
    return centred(d.second, 59.0);
}
float minuteOfHour(const DateTime& d) {
    return centred(d.minute, 59.0);
}
float hourOfDay(const DateTime& d) {
    return centred(d.hour, 23.0);
}
float dayOfWeek(const DateTime& d) {
    return centred(d.dayOfWeek(), 6.0);
}
float dayOfMonth(const DateTime& d) {
    return centred(d.day - 1, 30.0);
}
float dayOfYear(const DateTime& d) {
    return centred(d.dayOfYear() - 1, 365.0);
}
float monthOfYear(const DateTime& d) {
    return centred(d.month - 1, 11.0);
}
float weekOfYear(const DateTime& d) {
    return centred(d.isoWeek() - 1, 52.0);
}

struct Frequency {
    const char* name;
    std::vector<Feature> features;
};

// Time-Series-Library's utils/timefeatures.py, feature for feature and in its order.
const std::array<Frequency, 7>& frequencies() {
    static const std::array<Frequency, 7> table{{
        {"s", {secondOfMinute, minuteOfHour, hourOfDay, dayOfWeek, dayOfMonth, dayOfYear}},
        {"t", {minuteOfHour, hourOfDay, dayOfWeek, dayOfMonth, dayOfYear}},
        {"h", {hourOfDay, dayOfWeek, dayOfMonth, dayOfYear}},
        {"d", {dayOfWeek, dayOfMonth, dayOfYear}},
        {"b", {dayOfWeek, dayOfMonth, dayOfYear}},
        {"w", {dayOfMonth, weekOfYear}},
        {"m", {monthOfYear}},
    }};
    return table;
}

const Frequency& frequency(const std::string& freq) {
    for (const auto& entry : frequencies()) {
        if (freq == entry.name)
            return entry;
    }
    std::string known;
    for (const auto& entry : frequencies())
        known += (known.empty() ? "" : ", ") + std::string(entry.name);
    throw DataError("data.freq '" + freq + "' is not a frequency; use one of: " + known);
}

} // namespace

const std::vector<std::string>& timeFeatureFrequencies() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& entry : frequencies())
            out.emplace_back(entry.name);
        return out;
    }();
    return names;
}

std::int64_t timeFeatureCount(const std::string& freq) {
    return static_cast<std::int64_t>(frequency(freq).features.size());
}

torch::Tensor timeFeatures(const std::vector<DateTime>& dates, const std::string& freq) {
    const auto& features = frequency(freq).features;
    const auto rows = static_cast<std::int64_t>(dates.size());
    const auto count = static_cast<std::int64_t>(features.size());
    auto out = torch::empty({rows, count}, torch::kFloat32);
    auto* values = out.data_ptr<float>();
    for (std::int64_t row = 0; row < rows; ++row) {
        for (std::int64_t f = 0; f < count; ++f)
            values[row * count + f] = features[f](dates[row]);
    }
    return out;
}

} // namespace tb::engine
