#include "engine/store/TestedRun.h"

namespace tb::engine {

bool testedOnly(const RunRecord& run, const FlatConfig& config) {
    const std::string* epochs = fieldValue(config, "train.epochs");
    return run.status == RunStatus::Finished && epochs && *epochs == "0";
}

std::string listedStatus(const RunRecord& run, const FlatConfig& config) {
    return testedOnly(run, config) ? "tested" : toString(run.status);
}

} // namespace tb::engine
