#include "ClassScores.h"

#include "TextTable.h"
#include "engine/util/ConfusionMatrix.h"

#include <cstdio>
#include <stdexcept>

namespace tb::cli {
namespace {

std::string fixed3(double value) {
    char text[16];
    std::snprintf(text, sizeof(text), "%.3f", value);
    return text;
}

std::string confusedText(const tb::engine::ConfusionMatrix& m, int c) {
    const int other = m.mostConfusedWith(c);
    if (other < 0)
        return "-";
    return m.classNames()[static_cast<std::size_t>(other)] + " (" +
           std::to_string(m.count(c, other)) + ")";
}

} // namespace

std::string classScoresText(const std::string& confusionCsvPath) {
    try {
        const auto m = tb::engine::ConfusionMatrix::readCsvFile(confusionCsvPath);
        std::vector<std::vector<std::string>> rows{
            {"class", "samples", "precision", "recall", "F1", "most often taken for"}};
        for (int c = 0; c < m.classCount(); ++c)
            rows.push_back({m.classNames()[static_cast<std::size_t>(c)],
                            std::to_string(m.support(c)), fixed3(m.precision(c)),
                            fixed3(m.recall(c)), fixed3(m.f1(c)), confusedText(m, c)});
        rows.push_back({"all", std::to_string(m.total()), "", "", fixed3(m.macroF1()) + " macro",
                        "accuracy " + fixed3(m.accuracy())});
        return alignedColumns(rows, "  ");
    } catch (const std::runtime_error& e) {
        return "  " + std::string(e.what()) + "\n";
    }
}

} // namespace tb::cli
