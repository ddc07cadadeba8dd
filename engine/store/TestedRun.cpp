#include "engine/store/TestedRun.h"

#include "engine/store/FlatConfig.h"

#include <cctype>

namespace tb::engine {
namespace {

/// Whether `yaml` may set an `epochs:` field to 0 (a lone 0 after it). A workspace lists
/// thousands of runs: only the configs that pass are parsed.
bool maySetNoEpochs(const std::string& yaml) {
    const std::string key = "epochs:";
    for (std::size_t at = yaml.find(key); at != std::string::npos; at = yaml.find(key, at + 1)) {
        const std::size_t value = yaml.find_first_not_of(" \t", at + key.size());
        if (value == std::string::npos || yaml[value] != '0')
            continue;
        const std::size_t next = value + 1;
        if (next == yaml.size() ||
            (!std::isdigit(static_cast<unsigned char>(yaml[next])) && yaml[next] != '.'))
            return true;
    }
    return false;
}

} // namespace

std::optional<std::string> testedWeights(const RunRecord& run) {
    if (run.status != RunStatus::Finished || !maySetNoEpochs(run.configYaml))
        return std::nullopt;
    std::vector<std::string> notes; // an unreadable config is no test's
    const FlatConfig config = flatConfig(run, notes);
    const std::string* epochs = fieldValue(config, "train.epochs");
    if (!epochs || *epochs != "0")
        return std::nullopt;
    const std::string* initFrom = fieldValue(config, "model.init_from");
    return initFrom ? *initFrom : std::string();
}

std::string listedStatus(const RunRecord& run) {
    return testedWeights(run) ? kTestedStatus : toString(run.status);
}

} // namespace tb::engine
