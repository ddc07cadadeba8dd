// Checks of an image folder made before a run is created.
#pragma once

#include "engine/config/ConfigIssue.h"

namespace tb::engine {

class Config;

/// For data.kind `folder`: lists the folder as training would (no pixels are read) and reports
/// what stops it (no class folders, a class without images, an unknown class in test/) as a
/// data.root issue. Other data kinds are left alone.
void checkImageFolder(const Config& config, ConfigIssues& out);

} // namespace tb::engine
