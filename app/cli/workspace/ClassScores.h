// A classifier's test scores per class, for `runs show`.
#pragma once

#include <string>

namespace tb::cli {

/// The per-class table of the confusion matrix a classifier's test saved at
/// `confusionCsvPath`: each class's test samples, precision, recall, F1 and the class it is
/// most often taken for; or a line saying why the file cannot be read.
std::string classScoresText(const std::string& confusionCsvPath);

} // namespace tb::cli
