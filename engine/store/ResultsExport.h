// The results grid as text: CSV for scripts, a booktabs LaTeX table for papers.
#pragma once

#include "engine/store/ResultsGrid.h"

#include <string>
#include <vector>

namespace tb::engine {

/// Decimals of the printed tables (LaTeX, the GUI, the CLI), as the papers print them.
constexpr int kResultsDecimals = 3;

/// One line per cell, in the grid's order, under the header
/// `dataset,features,pred_len,model,config,runs,mse_mean,mse_std,mae_mean,mae_std`. `config` is
/// the cell's variant (empty unless the model has other experiments there). Numbers are
/// written so that they read back exactly; the two std fields are empty for a single run,
/// whose spread is unknown.
///
/// Example:
/// ```
/// dataset,features,pred_len,model,config,runs,mse_mean,mse_std,mae_mean,mae_std
/// ETTh1,M,96,dlinear,,3,0.375,0.0015,0.399,0.0008
/// ETTh1,M,96,patchtst,"optim.lr=0.001, train.epochs=10",1,0.382,,0.401,
/// ```
std::string resultsCsv(const ResultsGrid& grid);

/// A booktabs `tabular` (needs `\usepackage{booktabs}`): a row per dataset and horizon (and
/// variant, named beside the horizon), an
/// MSE/MAE column pair per model, each cell `mean\,$\pm$\,std` with kResultsDecimals decimals
/// (the mean alone for a single run, `--` where a model has no run), the lowest MSE of each
/// row in bold.
std::string resultsLatex(const ResultsGrid& grid);

/// `mean<separator>std` with kResultsDecimals decimals in the "C" locale (`0.375 ± 0.002`
/// with separator " ± "); the mean alone when `runCount` is 1.
std::string meanStdText(const MeanStd& value, int runCount, const std::string& separator);

/// For each cell of `row`, whether its mean MSE is the row's lowest as printed with
/// kResultsDecimals decimals, so that printed ties are all marked; false for missing cells,
/// and for every cell of a row with fewer than two models (nothing to compare).
std::vector<bool> lowestMse(const ResultsRow& row);

} // namespace tb::engine
