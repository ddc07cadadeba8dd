// `trainbench-cli predict RUN INPUT...`: a trained run's model applied to new files, written
// as CSV: the classes of images, or a forecast of the rows that follow a CSV's.
#include "CommandLine.h"
#include "Commands.h"
#include "ExitCodes.h"
#include "OutputFile.h"
#include "engine/inference/Prediction.h"
#include "engine/inference/PredictionCsv.h"
#include "engine/store/RunStore.h"
#include "engine/util/Environment.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace tb::cli {
using namespace tb::engine;

namespace {

struct PredictArgs {
    PredictionRequest request;
    std::string out;
};

/// Unreadable files named on stderr; the rest counted.
constexpr std::size_t kNamedUnreadable = 5;

void reportUnreadable(const Prediction& p) {
    if (p.unreadable.empty())
        return;
    const std::size_t total = p.unreadable.size() + p.images.size();
    std::cerr << "warning: " << p.unreadable.size() << " of " << total
              << " images cannot be read and have no row:\n";
    for (std::size_t i = 0; i < std::min(p.unreadable.size(), kNamedUnreadable); ++i)
        std::cerr << "  " << p.unreadable[i] << "\n";
    if (p.unreadable.size() > kNamedUnreadable)
        std::cerr << "  and " << p.unreadable.size() - kNamedUnreadable << " more\n";
}

/// "; 8110 of the 10000 labelled images right (81.10%)", or nothing without labels.
std::string agreementOf(const Prediction& p) {
    const LabelAgreement agreement = labelAgreement(p.images);
    if (agreement.labelled == 0)
        return {};
    char percent[16];
    std::snprintf(percent, sizeof percent, "%.2f%%",
                  100.0 * static_cast<double>(agreement.right) /
                      static_cast<double>(agreement.labelled));
    return "; " + std::to_string(agreement.right) + " of the " +
           std::to_string(agreement.labelled) + " labelled images right (" + percent + ")";
}

std::string summaryOf(const Prediction& p) {
    if (p.task == "classification")
        return "classes of " + std::to_string(p.images.size()) +
               (p.images.size() == 1 ? " image by " : " images by ") + p.origin;
    return "forecast of " + std::to_string(p.forecast.dates.size()) + " rows after " +
           p.forecast.lastInputDate + " by " + p.origin;
}

/// On a terminal, the images classified so far, on one line rewritten after each batch; the
/// line is cleared once done. Nothing where stderr is a file or a pipe.
PredictionRequest withProgressLine(PredictionRequest request) {
    if (isatty(fileno(stderr)) == 0)
        return request;
    request.progress = [](std::size_t done, std::size_t total) {
        std::cerr << "\rclassifying: " << done << " of " << total << " images"
                  << (done == total ? "\r\033[K" : "") << std::flush;
    };
    return request;
}

int predictWith(const PredictArgs& args) {
    Prediction prediction;
    try {
        prediction = predict(withProgressLine(args.request));
    } catch (const PredictionError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return e.kind == PredictionError::Kind::NoRun ? kNotFound : kInvalidInput;
    } catch (const StoreError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kStoreError;
    }
    for (const std::string& note : prediction.notes)
        std::cerr << "note: " << note << "\n";
    reportUnreadable(prediction);
    const std::string csv = predictionCsv(prediction);
    if (args.out.empty()) {
        std::cout << csv << std::flush;
        std::cerr << summaryOf(prediction) << agreementOf(prediction) << "\n";
        return kSuccess;
    }
    std::vector<std::string> readFrom = args.request.inputs;
    readFrom.push_back(args.request.databasePath);
    if (!writeOutputFile(args.out, csv, readFrom))
        return kInvalidInput;
    std::cerr << summaryOf(prediction) << ", written to " << args.out << agreementOf(prediction)
              << "\n";
    return kSuccess;
}

} // namespace

void addPredictCommand(CLI::App& app, int& exitCode) {
    auto args = std::make_shared<PredictArgs>();
    args->request.databasePath = defaultWorkspacePath();
    CLI::App* cmd = app.add_subcommand(
        "predict", "Apply a trained run's model to new files and write CSV: a classifier's "
                   "classes of images, or a forecaster's forecast of the rows after a CSV's");
    cmd->add_option("run", args->request.runId, "The run's id (runs list shows them)")->required();
    cmd->add_option("inputs", args->request.inputs,
                    "A classifier's PNG and JPEG files, folders of them, or MNIST-style IDX "
                    "images files; a forecaster's CSV with the columns it was trained on")
        ->required();
    cmd->add_option("--db", args->request.databasePath, "Workspace database")
        ->capture_default_str();
    cmd->add_option("--checkpoint", args->request.checkpoint,
                    "best or last (default: the best epoch's, else the last)")
        ->check(CLI::IsMember({"best", "last"}));
    cmd->add_option("--from", args->request.forecastFrom,
                    "A forecaster's: the date of the last row it reads, else the last row "
                    "before it (default: the file's last row); the file's own later rows come "
                    "along as <column>_actual");
    cmd->add_option("--out", args->out, "Write the CSV to this file (default: standard output)");
    cmd->add_option("--device", args->request.device, "cpu, cuda:N or npu:N")
        ->capture_default_str();
    cmd->add_option("--batch-size", args->request.batchSize, "Images per forward pass")
        ->capture_default_str()
        ->check(atLeastOne());
    cmd->callback([args, &exitCode] { exitCode = predictWith(*args); });
}

} // namespace tb::cli
