// Telling a text file from a binary one picked by mistake: a spreadsheet or an archive named as
// a CSV, an image or a checkpoint opened as a config.
#pragma once

#include <string>
#include <string_view>

namespace tb::engine {

/// What binary file `bytes` (a file's content, or its start) looks like, as a message would
/// name it: "a zip archive (an Excel .xlsx workbook is one)", "gzip-compressed data", "binary
/// data (byte 13 is 0)". Empty when its first 64 KiB hold no NUL byte, which text never has.
std::string binaryContentKind(std::string_view bytes);

} // namespace tb::engine
