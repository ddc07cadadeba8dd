#include "RunsJson.h"

#include "engine/store/FlatConfig.h"
#include "engine/store/TestedRun.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <sstream>

namespace tb::cli {
using namespace tb::engine;
using Json = nlohmann::ordered_json;

namespace {

/// Indented; text that is not UTF-8 (a Latin-1 file name in a config) gets U+FFFD in place of
/// its bad bytes, where dump() would throw.
std::string printed(const Json& json) {
    return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

/// Empty text is no value: a run not finished has no finish time.
Json textOrNull(const std::string& text) {
    return text.empty() ? Json() : Json(text);
}

/// A config value as YAML reads it: a number, true or false, else its text.
Json configValue(const std::string& text) {
    if (text == "true" || text == "false")
        return text == "true";
    std::int64_t whole = 0;
    const char* end = text.data() + text.size();
    if (const auto [at, error] = std::from_chars(text.data(), end, whole);
        error == std::errc() && at == end && !text.empty())
        return whole;
    double real = 0.0;
    if (const auto [at, error] = std::from_chars(text.data(), end, real);
        error == std::errc() && at == end && !text.empty())
        return real;
    return text;
}

Json metricsObject(const std::vector<MetricValue>& metrics) {
    Json object = Json::object();
    for (const MetricValue& metric : metrics)
        object[metric.name] = metric.value; // NaN and infinities are written as null
    return object;
}

/// What the runs list and `runs show` share, their final metrics aside.
Json runObject(const RunRecord& run) {
    const std::optional<std::string> tested = testedWeights(run);
    Json object{
        {"id", run.id},
        {"name", run.name},
        {"status", listedStatus(run)},
        {"status_reason", textOrNull(run.statusReason)},
        {"tested_weights", tested ? Json(*tested) : Json()},
        {"device", run.device},
        {"hardware", textOrNull(run.deviceName)},
        {"created", textOrNull(run.createdAt)},
        {"started", textOrNull(run.startedAt)},
        {"continued", textOrNull(run.resumedAt)},
        {"finished", textOrNull(run.finishedAt)},
        {"trained_s", hasEnded(run.status) && run.runSeconds > 0.0 ? Json(run.runSeconds) : Json()},
        {"tags", tagsOf(run)},
        {"starred", run.starred},
        {"notes", run.notes},
    };
    return object;
}

} // namespace

std::vector<std::string> tagsOf(const RunRecord& run) {
    std::vector<std::string> tags;
    std::istringstream text(run.tags); // stored trimmed, comma-separated
    for (std::string tag; std::getline(text, tag, ',');)
        if (!tag.empty())
            tags.push_back(tag);
    return tags;
}

std::string runsJson(const std::vector<RunSummary>& runs, const std::vector<std::string>& fields) {
    Json list = Json::array();
    for (const RunSummary& summary : runs) {
        Json object = runObject(summary.run);
        if (!fields.empty()) {
            std::vector<std::string> notes; // an unreadable config gives nulls
            const FlatConfig config = flatConfig(summary.run, notes);
            Json values = Json::object();
            for (const std::string& key : fields) {
                const std::string* value = fieldValue(config, key);
                values[key] = value ? configValue(*value) : Json();
            }
            object["fields"] = std::move(values);
        }
        object["metrics"] = metricsObject(summary.finalMetrics);
        list.push_back(std::move(object));
    }
    return printed(list);
}

std::string runJson(const RunRecord& run, const std::vector<MetricValue>& finalMetrics,
                    const std::vector<ArtifactRecord>& files) {
    Json object = runObject(run);
    object["host"] = run.host;
    object["threads"] = run.threads;
    object["torch_version"] = run.torchVersion;
    object["seed"] = run.seed;
    object["config_hash"] = run.configHash;
    object["metrics"] = metricsObject(finalMetrics);
    Json fileList = Json::array();
    for (const ArtifactRecord& file : files)
        fileList.push_back({{"kind", file.kind},
                            {"epoch", file.epoch > 0 ? Json(file.epoch) : Json()},
                            {"path", file.path}});
    object["files"] = std::move(fileList);
    object["config"] = run.configYaml;
    return printed(object);
}

} // namespace tb::cli
