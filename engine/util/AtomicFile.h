// Writing a whole file so that readers see the old contents or the new, never half of them.
#pragma once

#include <string>
#include <string_view>

namespace tb::engine {

/// Writes `bytes` to `path` through a temporary file beside it that is synced and then renamed
/// over `path`, so a crash or a full disk never leaves half a file. Throws std::system_error
/// ("cannot write <path>: No space left on device") after removing the temporary file.
void writeFileAtomically(const std::string& path, std::string_view bytes);

} // namespace tb::engine
