// Internal to engine/config: where a key stands in a schema, and the messages that say so.
#pragma once

#include <string>
#include <string_view>

namespace tb::engine {

class Config;
class Schema;

/// The config's value of a selector key (`model.name`, `data.kind`) as text: the set value or
/// the first declaration's default; empty when the schema does not declare the key.
std::string selectorValue(const Config& config, std::string_view key);

/// Whether `key` names a section (`train`, `train.early_stop`) rather than a field.
bool isSection(const Schema& schema, std::string_view key);

/// "unknown field 'train.epoch'; did you mean 'train.epochs'?", or what to do without a
/// hint or when `key` names a section.
std::string unknownFieldMessage(const Schema& schema, const std::string& key);

/// Whether `key` is out of scope only because the model family or data kind it depends on is
/// itself not one of its choices (`model.name: transformer`): that selector's own issue says
/// what to fix, and whether `key` applies is known only after.
bool scopeUndecided(const Config& config, const std::string& key);

/// Why a declared key does not apply to this config: "'model.channels' is not a parameter of
/// model 'mlp' (it belongs to: cnn)", or the same for a data kind.
std::string outOfScopeMessage(const Config& config, const std::string& key);

} // namespace tb::engine
