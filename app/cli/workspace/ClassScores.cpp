#include "ClassScores.h"

#include "TextTable.h"
#include "engine/util/ConfusionMatrix.h"

#include <stdexcept>

namespace tb::cli {

std::string classScoresText(const std::string& confusionCsvPath) {
    try {
        return alignedColumns(
            tb::engine::ConfusionMatrix::readCsvFile(confusionCsvPath).scoreRows(), "  ");
    } catch (const std::runtime_error& e) {
        return "  " + std::string(e.what()) + "\n";
    }
}

} // namespace tb::cli
