// The checks of a csv config that need the file itself.
#pragma once

#include "engine/config/ConfigIssue.h"

namespace tb::engine {

class Config;

/// For data.kind `csv`: the file exists and parses (issues on data.path carry the reader's
/// line and column), the target column exists, data.channels matches what the file gives and
/// every split holds at least one window. Appends to `out`; nothing for other data kinds.
void checkCsvData(const Config& config, ConfigIssues& out);

} // namespace tb::engine
