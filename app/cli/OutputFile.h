// The file a command writes its table to (--output, --out) instead of standard output.
#pragma once

#include <string>
#include <string_view>

namespace tb::cli {

/// Writes `text` whole as the file `path` (never half of it, see writeFileAtomically). False
/// when it cannot, after printing why and what to do: "error: cannot write out/x.csv: No such
/// file or directory; write to a file in a folder that exists and that you may write to".
bool writeOutputFile(const std::string& path, std::string_view text);

} // namespace tb::cli
