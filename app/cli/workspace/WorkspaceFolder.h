// The folder of the default workspace, which a fresh account lacks.
#pragma once

#include <string>

namespace tb::cli {

/// Creates the folder of the default workspace (a fresh account has no data folder yet).
/// A path the user named is left alone, so that a typo is reported, not created.
void createDefaultWorkspaceFolder(const std::string& database);

} // namespace tb::cli
