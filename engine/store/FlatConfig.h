// A stored config YAML read as dotted keys, with no schema, so that the configs of any version
// compare (RunComparison), group (SpeedLedger) and fill the runs table's config columns alike.
#pragma once

#include "engine/store/RunRecord.h"

#include <string>
#include <utility>
#include <vector>

namespace YAML {
class Node;
}

namespace tb::engine {

/// A stored config as dotted keys (`optim.lr`) and their text, in the order the YAML lists
/// them; a list or other non-scalar value is its flow-style YAML (`[1, 2]`).
using FlatConfig = std::vector<std::pair<std::string, std::string>>;

/// The stored config of `run` flattened. A config that is not a YAML map, or cannot be read,
/// gives an empty one and a line in `notes` saying so ("run 7: its stored config is empty").
FlatConfig flatConfig(const RunRecord& run, std::vector<std::string>& notes);

/// A config already read from YAML, flattened the same way; empty when it is not a map.
FlatConfig flatConfig(const YAML::Node& root);

/// The text of field `key` (`train.batch_size`), or null when the config has none.
const std::string* fieldValue(const FlatConfig& config, const std::string& key);

} // namespace tb::engine
