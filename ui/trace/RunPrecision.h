// The precision a run trained in, as its chart title shows it.
#pragma once

#include "engine/config/Config.h"

#include <QString>
#include <string>

namespace tb::ui {

/// `bf16` or `fp16` when the config's `train.amp` is on; empty for float32.
QString precisionOf(const tb::engine::Config& config);

/// The same for a run's stored config YAML; empty when it does not parse or predates the field.
QString precisionOf(const std::string& configYaml);

} // namespace tb::ui
