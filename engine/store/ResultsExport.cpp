#include "engine/store/ResultsExport.h"

#include "engine/config/NumberFormat.h"
#include "engine/util/CsvFields.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>

namespace tb::engine {
namespace {

/// `value` with kResultsDecimals decimals, rounded from the exact binary value as printf, Qt
/// and Python round it, so every printed copy of the grid agrees. to_chars, unlike printf,
/// ignores the locale (the GUI runs in the user's).
std::string fixedText(double value) {
    std::array<char, 400> buffer{}; // the longest finite double in fixed notation fits
    const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                   std::chars_format::fixed, kResultsDecimals)
                         .ptr;
    return std::string(buffer.data(), end);
}

double printedValue(double value) {
    const std::string text = fixedText(value);
    double printed = 0.0;
    std::from_chars(text.data(), text.data() + text.size(), printed);
    return printed;
}

std::string csvStd(const MeanStd& value, int runCount) {
    return runCount > 1 ? formatNumber(value.stddev) : std::string();
}

/// Dataset and model names are file stems and registry names: escape what LaTeX reads as
/// commands.
std::string latexText(const std::string& text) {
    std::string escaped;
    for (const char c : text) {
        switch (c) {
        case '\\':
            escaped += "\\textbackslash{}";
            break;
        case '~':
            escaped += "\\textasciitilde{}";
            break;
        case '^':
            escaped += "\\textasciicircum{}";
            break;
        case '&':
        case '%':
        case '$':
        case '#':
        case '_':
        case '{':
        case '}':
            escaped += '\\';
            escaped += c;
            break;
        default:
            escaped += c;
        }
    }
    return escaped;
}

/// "3 runs", "1 run", "1 to 3 runs": how many runs the cells average.
std::string runsPerCell(const ResultsGrid& grid) {
    const auto [fewest, most] = std::minmax_element(
        grid.cells().begin(), grid.cells().end(),
        [](const ResultsCell& a, const ResultsCell& b) { return a.runCount() < b.runCount(); });
    if (fewest == grid.cells().end())
        return "0 runs";
    const std::string range =
        fewest->runCount() == most->runCount()
            ? std::to_string(most->runCount())
            : std::to_string(fewest->runCount()) + " to " + std::to_string(most->runCount());
    return range + (most->runCount() == 1 ? " run" : " runs");
}

void appendLatexHeader(const std::vector<std::string>& models, std::string& out) {
    out += "\\begin{tabular}{ll" + std::string(2 * models.size(), 'c') + "}\n\\toprule\n";
    out += " &";
    for (const std::string& model : models)
        out += " & \\multicolumn{2}{c}{" + latexText(model) + "}";
    out += " \\\\\n";
    for (std::size_t i = 0; i < models.size(); ++i)
        out += std::string(i == 0 ? "" : " ") + "\\cmidrule(lr){" + std::to_string(3 + 2 * i) +
               "-" + std::to_string(4 + 2 * i) + "}";
    if (!models.empty())
        out += '\n';
    out += "Dataset & Horizon";
    for (std::size_t i = 0; i < models.size(); ++i)
        out += " & MSE & MAE";
    out += " \\\\\n\\midrule\n";
}

void appendLatexRow(const ResultsRow& row, bool firstOfDataset, std::string& out) {
    static const std::string kPlusMinus = "\\,$\\pm$\\,";
    out += firstOfDataset ? latexText(rowLabel(row)) : std::string();
    out += " & " + std::to_string(row.predLen);
    if (!row.variant.empty())
        out += " (" + latexText(row.variant) + ")";
    const std::vector<bool> best = lowestMse(row);
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
        const ResultsCell* cell = row.cells[i];
        if (cell == nullptr) {
            out += " & -- & --";
            continue;
        }
        const std::string mse = meanStdText(cell->mse, cell->runCount(), kPlusMinus);
        out += " & " + (best[i] ? "\\textbf{" + mse + "}" : mse);
        out += " & " + meanStdText(cell->mae, cell->runCount(), kPlusMinus);
    }
    out += " \\\\\n";
}

} // namespace

std::string resultsCsv(const ResultsGrid& grid) {
    std::string csv =
        "dataset,features,pred_len,model,config,runs,mse_mean,mse_std,mae_mean,mae_std\n";
    for (const ResultsCell& cell : grid.cells()) {
        csv += csvField(cell.dataset) + ',' + csvField(cell.features) + ',' +
               std::to_string(cell.predLen) + ',' + csvField(cell.model) + ',' +
               csvField(cell.variant) + ',' + std::to_string(cell.runCount()) + ',' +
               formatNumber(cell.mse.mean) + ',' + csvStd(cell.mse, cell.runCount()) + ',' +
               formatNumber(cell.mae.mean) + ',' + csvStd(cell.mae, cell.runCount()) + '\n';
    }
    return csv;
}

std::string resultsLatex(const ResultsGrid& grid) {
    const std::vector<std::string> models = grid.models();
    std::string out = "% Trainbench results: test MSE and MAE, mean $\\pm$ sample standard "
                      "deviation over " +
                      runsPerCell(grid) +
                      "\n% (seeds) per cell; the lowest MSE of each row in bold. Needs "
                      "\\usepackage{booktabs}.\n";
    appendLatexHeader(models, out);
    std::string previousLabel; // labels are never empty: a dataset is a file name
    for (const ResultsRow& row : grid.rows()) {
        const std::string label = rowLabel(row);
        if (label != previousLabel && !previousLabel.empty())
            out += "\\midrule\n";
        appendLatexRow(row, label != previousLabel, out);
        previousLabel = label;
    }
    out += "\\bottomrule\n\\end{tabular}\n";
    return out;
}

std::string meanStdText(const MeanStd& value, int runCount, const std::string& separator) {
    if (runCount <= 1)
        return fixedText(value.mean);
    return fixedText(value.mean) + separator + fixedText(value.stddev);
}

std::vector<bool> lowestMse(const ResultsRow& row) {
    // Compared as printed: two means that print alike are both the best.
    std::vector<double> printed(row.cells.size(), std::numeric_limits<double>::infinity());
    double lowest = std::numeric_limits<double>::infinity();
    int present = 0;
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
        if (row.cells[i] == nullptr)
            continue;
        printed[i] = printedValue(row.cells[i]->mse.mean);
        lowest = std::min(lowest, printed[i]);
        ++present;
    }
    std::vector<bool> best(row.cells.size(), false);
    for (std::size_t i = 0; i < row.cells.size() && present > 1; ++i)
        best[i] = row.cells[i] != nullptr && printed[i] == lowest;
    return best;
}

} // namespace tb::engine
