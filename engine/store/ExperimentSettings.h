// Which runs are one experiment: the fields of their configs that matter to a question (an
// epoch's work for the speed ledger, the outcome for the results grid), and how experiments
// that share a name are told apart.
#pragma once

#include "engine/store/FlatConfig.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace tb::engine {

/// Field keys and their text, sorted by key: equal settings, one experiment.
using ExperimentSettings = std::map<std::string, std::string>;

/// The fields of `config` that `ignored` does not leave out.
ExperimentSettings experimentSettings(const FlatConfig& config,
                                      bool (*ignored)(const std::string& key));

/// `key=value, ...` of the fields `mine` sets otherwise than any of `others` does (a field the
/// other lacks counts; an empty value shows as `(none)`), and of the fields of `shownAnyway` it
/// sets, sorted by key; empty when it differs from none of them and shows none anyway.
std::string differingFields(const ExperimentSettings& mine,
                            const std::vector<const ExperimentSettings*>& others,
                            const std::set<std::string>& shownAnyway = {});

/// Labels of settings in the order of their values: `batch_size=32` before `batch_size=128`,
/// `lr=0.005` before `lr=0.01`. Where both texts reach a number at the same place the numbers
/// are compared, elsewhere the characters.
bool inValueOrder(const std::string& a, const std::string& b);

} // namespace tb::engine
