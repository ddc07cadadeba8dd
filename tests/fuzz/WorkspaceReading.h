// What the store fuzz targets do with a workspace file: everything the app reads from one.
#pragma once

#include <string>

namespace tb::fuzz {

/// Merges `path` into an empty workspace (Merge), then opens it as File > Open does and reads
/// every run as the Runs, Compare, Speed and Results views do. Lets only StoreError out.
void readWorkspaceAsTheAppDoes(const std::string& path);

} // namespace tb::fuzz
