// The file a command writes its table to (--output, --out) instead of standard output.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tb::cli {

/// Writes `text` as the file `path`: whole, never half of it (see writeFileAtomically), or
/// straight into a device or pipe such as /dev/stdout. Refuses a path that is one of
/// `readFrom` (the workspace, an input file): the output would replace what it came from. False
/// when it cannot, after printing why and what to do: "error: cannot write out/x.csv: No such
/// file or directory; write to a file in a folder that exists and that you may write to".
bool writeOutputFile(const std::string& path, std::string_view text,
                     const std::vector<std::string>& readFrom);

} // namespace tb::cli
