// A run that trained no epoch (train.epochs 0): a test of the weights model.init_from names,
// told apart from a trained run wherever runs are listed.
#pragma once

#include "engine/store/RunRecord.h"

#include <optional>
#include <string>

namespace tb::engine {

/// The model.init_from of `run` when it finished such a test, by its stored config; nullopt
/// for any other run. Cheap for the others: only a config that may set no epochs is parsed.
std::optional<std::string> testedWeights(const RunRecord& run);

/// What lists show for the status of a finished test of other weights.
constexpr const char* kTestedStatus = "tested";

/// The status lists show: kTestedStatus for a finished test of other weights, else
/// toString(status).
std::string listedStatus(const RunRecord& run);

} // namespace tb::engine
