// Writing a whole file so that readers see the old contents or the new, never half of them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tb::engine {

/// Writes `bytes` to `path` through a temporary file beside it that is synced and then renamed
/// over `path`, so a crash or a full disk never leaves half a file. Throws std::system_error
/// ("cannot write <path>: No space left on device") after removing the temporary file.
void writeFileAtomically(const std::string& path, std::string_view bytes);

/// Writes `parts` one after the other as the file `path`, as writeFileAtomically() does: for
/// large contents held in several buffers, without copying them into one.
void writeFileAtomically(const std::string& path, const std::vector<std::string_view>& parts);

} // namespace tb::engine
