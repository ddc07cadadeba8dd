// What to say about the files a run wrote when they cannot be read as they should.
#pragma once

#include <QString>
#include <cstdint>
#include <vector>

namespace tb::ui {

/// Why `path`, a file a run wrote, is not there, and what to do to see `what` (`the
/// forecasts`): deleted, or the run was merged from another machine without its files.
QString missingRunFileText(const QString& path, const QString& what);

/// An array shape as numpy prints it: `[10000, 10]`.
QString shapeText(const std::vector<std::int64_t>& shape);

} // namespace tb::ui
