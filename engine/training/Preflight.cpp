#include "engine/config/Config.h"
#include "engine/config/RunReference.h"
#include "engine/data/DataSplits.h"
#include "engine/data/IdxSplits.h"
#include "engine/data/csv/CsvPreflight.h"
#include "engine/data/images/ImageFolderPreflight.h"
#include "engine/devices/DeviceInfo.h"
#include "engine/devices/TorchDevice.h"
#include "engine/models/ModelRegistry.h"
#include "engine/training/Autocast.h"
#include "engine/training/Objective.h"
#include "engine/training/RunController.h"

#include <filesystem>

namespace tb::engine {
namespace {

void checkDevice(const Config& config, ConfigIssues& out) {
    std::string reason;
    if (!deviceUsable(config.getString("device"), reason))
        out.push_back({"device", config.getString("device") + " cannot be used: " + reason +
                                     "; pick another device (trainbench-cli devices lists them)"});
}

void checkAutocast(const Config& config, ConfigIssues& out) {
    const std::optional<c10::ScalarType> type = autocastType(config.getString("train.amp"));
    if (!type)
        return;
    const std::string reason =
        autocastUnavailableReason(torchDevice(config.getString("device")), *type);
    if (!reason.empty())
        out.push_back({"train.amp", reason + "; set train.amp to off"});
}

void checkDataRoot(const Config& config, ConfigIssues& out) {
    if (config.getString("data.kind") != "idx")
        return;
    if (const std::string problem = idxRootProblem(config.getString("data.root")); !problem.empty())
        out.push_back({"data.root", problem});
}

/// A monitor the task never reports would leave the run without a best epoch or early stop.
void checkMonitor(const Config& config, ConfigIssues& out) {
    const std::string task = dataTask(config.getString("data.kind"));
    const std::vector<std::string> names = taskMetricNames(task);
    const std::string monitor = config.getString("train.early_stop.monitor");
    std::string choices;
    for (const std::string& name : names) {
        if ("val/" + name == monitor)
            return;
        choices += (choices.empty() ? "val/" : ", val/") + name;
    }
    if (!names.empty())
        out.push_back({"train.early_stop.monitor",
                       "a " + task + " run reports no " + monitor + "; monitor one of " + choices});
}

/// A run reference needs the workspace, and is looked up when the run starts.
void checkInitialWeightsFile(const Config& config, ConfigIssues& out) {
    const std::string from = config.getString("model.init_from");
    std::error_code ec;
    if (!from.empty() && !looksLikeRunReference(from) &&
        !std::filesystem::is_regular_file(from, ec))
        out.push_back({"model.init_from", "checkpoint file '" + from +
                                              "' does not exist; name a .pt file saved by "
                                              "Trainbench, or a run as run:N"});
}

} // namespace

ConfigIssues preflightConfig(const Config& config) {
    ConfigIssues issues;
    checkDevice(config, issues);
    if (issues.empty())
        checkAutocast(config, issues);
    checkDataRoot(config, issues);
    checkCsvData(config, issues);
    checkImageFolder(config, issues);
    checkMonitor(config, issues);
    checkInitialWeightsFile(config, issues);
    if (!findModelFamily(config.getString("model.name")))
        issues.push_back(
            {"model.name", "no model family '" + config.getString("model.name") + "'"});
    return issues;
}

} // namespace tb::engine
