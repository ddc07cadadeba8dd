// A run that trained no epoch (train.epochs 0): a test of the weights model.init_from names,
// told apart from a trained run wherever runs are listed.
#pragma once

#include "engine/store/FlatConfig.h"
#include "engine/store/RunRecord.h"

#include <string>

namespace tb::engine {

/// Whether `run` finished such a test, by its stored config (flatConfig).
bool testedOnly(const RunRecord& run, const FlatConfig& config);

/// The status lists show: `tested` for a finished test of other weights, else toString(status).
std::string listedStatus(const RunRecord& run, const FlatConfig& config);

} // namespace tb::engine
