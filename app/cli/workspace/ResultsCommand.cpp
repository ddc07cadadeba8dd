#include "Commands.h"
#include "ExitCodes.h"
#include "OutputFile.h"
#include "TextTable.h"
#include "engine/store/ResultsExport.h"
#include "engine/store/ResultsGrid.h"
#include "engine/store/RunStore.h"
#include "engine/util/Environment.h"

#include <iostream>

namespace tb::cli {
using namespace tb::engine;

namespace {

struct ResultsArgs {
    std::string database = defaultWorkspacePath();
    bool csv = false;
    bool latex = false;
    std::string output;
};

/// One line per cell under a header, each column as wide as its widest entry; a `config`
/// column where a model has several experiments on one dataset and horizon.
std::string textTable(const ResultsGrid& grid) {
    const bool variants =
        std::any_of(grid.cells().begin(), grid.cells().end(),
                    [](const ResultsCell& cell) { return !cell.variant.empty(); });
    std::vector<std::vector<std::string>> lines{{"dataset", "features", "horizon", "model"}};
    if (variants)
        lines.front().push_back("config");
    for (const char* column : {"runs", "MSE", "MAE"})
        lines.front().push_back(column);
    for (const ResultsCell& cell : grid.cells()) {
        lines.push_back({cell.dataset, cell.features, std::to_string(cell.predLen), cell.model});
        if (variants)
            lines.back().push_back(cell.variant);
        for (const std::string& figure :
             {std::to_string(cell.runCount()), meanStdText(cell.mse, cell.runCount(), " ± "),
              meanStdText(cell.mae, cell.runCount(), " ± ")})
            lines.back().push_back(figure);
    }
    return alignedColumns(lines);
}

std::string formatted(const ResultsGrid& grid, const ResultsArgs& args) {
    if (args.csv)
        return resultsCsv(grid);
    return args.latex ? resultsLatex(grid) : textTable(grid);
}

int writeOutput(const std::string& text, const ResultsArgs& args) {
    if (args.output.empty()) {
        std::cout << text;
        return kSuccess;
    }
    if (!writeOutputFile(args.output, text, {args.database}))
        return kStoreError;
    std::cerr << "results written to " << args.output << "\n";
    return kSuccess;
}

int showResults(const ResultsArgs& args) {
    ResultsGrid grid;
    try {
        grid = ResultsGrid::fromStore(RunStore::openForReading(args.database));
    } catch (const StoreError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kStoreError;
    }
    for (const std::string& line : grid.skipped())
        std::cerr << "note: left out " << line << "\n";
    if (grid.empty()) {
        std::cerr << "error: no finished forecasting runs in " << args.database
                  << "; train a preset such as dlinear-etth1-96 first (trainbench-cli train "
                     "dlinear-etth1-96 --db "
                  << args.database << ")\n";
        return kNotFound;
    }
    return writeOutput(formatted(grid, args), args);
}

} // namespace

void addResultsCommand(CLI::App& app, int& exitCode) {
    auto args = std::make_shared<ResultsArgs>();
    CLI::App* cmd = app.add_subcommand(
        "results", "The forecasting results grid: test MSE and MAE per dataset, horizon and "
                   "model, mean ± std over the runs (seeds)");
    cmd->add_option("--db", args->database, "Workspace database")->capture_default_str();
    CLI::Option* csv = cmd->add_flag(
        "--csv", args->csv,
        "As CSV: dataset,features,pred_len,model,config,runs,mse_mean,mse_std,mae_mean,mae_std");
    cmd->add_flag("--latex", args->latex, "As a booktabs LaTeX table, the best MSE in bold")
        ->excludes(csv);
    cmd->add_option("-o,--output", args->output, "File to write (default: standard output)");
    cmd->footer("Exit status 5 when the workspace has no finished forecasting run.");
    cmd->callback([args, &exitCode] { exitCode = showResults(*args); });
}

} // namespace tb::cli
