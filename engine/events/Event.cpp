#include "engine/events/Event.h"

#include <array>
#include <utility>

namespace tb::engine {

namespace {

constexpr std::array<std::pair<RunStatus, const char*>, 6> kRunStatusNames{{
    {RunStatus::Created, "created"},
    {RunStatus::Running, "running"},
    {RunStatus::Paused, "paused"},
    {RunStatus::Finished, "finished"},
    {RunStatus::Stopped, "stopped"},
    {RunStatus::Failed, "failed"},
}};

constexpr std::array<std::pair<LogLevel, const char*>, 4> kLogLevelNames{{
    {LogLevel::Debug, "debug"},
    {LogLevel::Info, "info"},
    {LogLevel::Warning, "warning"},
    {LogLevel::Error, "error"},
}};

template <typename Enum, std::size_t N>
const char* nameOf(const std::array<std::pair<Enum, const char*>, N>& names, Enum value) {
    for (const auto& [candidate, name] : names) {
        if (candidate == value) {
            return name;
        }
    }
    return "unknown";
}

template <typename Enum, std::size_t N>
Enum valueOf(const std::array<std::pair<Enum, const char*>, N>& names, const std::string& text,
             Enum fallback) {
    for (const auto& [value, name] : names) {
        if (text == name) {
            return value;
        }
    }
    return fallback;
}

} // namespace

const char* toString(RunStatus status) {
    return nameOf(kRunStatusNames, status);
}

RunStatus runStatusFromString(const std::string& text) {
    // A status this build does not know (written by a newer Trainbench) must not read as a
    // live run.
    return valueOf(kRunStatusNames, text, RunStatus::Failed);
}

bool hasEnded(RunStatus status) {
    return status == RunStatus::Finished || status == RunStatus::Stopped ||
           status == RunStatus::Failed;
}

const char* toString(LogLevel level) {
    return nameOf(kLogLevelNames, level);
}

LogLevel logLevelFromString(const std::string& text) {
    return valueOf(kLogLevelNames, text, LogLevel::Info);
}

} // namespace tb::engine
