#include "ClassScores.h"

#include "TextTable.h"
#include "engine/util/ConfusionMatrix.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

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
    std::ifstream file(confusionCsvPath, std::ios::binary);
    if (!file)
        return "  " + confusionCsvPath + " cannot be read: " + std::strerror(errno) + "\n";
    std::ostringstream text;
    text << file.rdbuf();
    try {
        const auto m = tb::engine::ConfusionMatrix::fromCsv(text.str());
        std::vector<std::vector<std::string>> rows{
            {"class", "samples", "precision", "recall", "F1", "most often taken for"}};
        for (int c = 0; c < m.classCount(); ++c)
            rows.push_back({m.classNames()[static_cast<std::size_t>(c)],
                            std::to_string(m.support(c)), fixed3(m.precision(c)),
                            fixed3(m.recall(c)), fixed3(m.f1(c)), confusedText(m, c)});
        rows.push_back({"all", std::to_string(m.total()), "", "", fixed3(m.macroF1()) + " macro",
                        "accuracy " + fixed3(m.accuracy())});
        return alignedColumns(rows, "  ");
    } catch (const std::exception& e) {
        return "  " + confusionCsvPath + " is damaged: " + e.what() + "\n";
    }
}

} // namespace tb::cli
