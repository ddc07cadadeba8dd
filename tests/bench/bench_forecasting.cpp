// The forecasting benchmark: our test MSE / MAE on ETTh1 and ETTh2 (multivariate) against the
// figures published in ../shared/reference/forecasting.md, and our epoch time against the same
// preset trained by PyTorch in Python (forecast_reference.py) on the same thread count.
// Beside our every-window figures it prints the same run scored on the windows the papers'
// code scored (its test loader drops the last partial batch). Prints figures; asserts nothing. Each
// finished run is appended to a CSV at once, so a long run in the background can be watched and its
// table printed again with --table.
//
//   bench_forecasting --models dlinear,patchtst --data ETTh1 --epochs patchtst=20
//   bench_forecasting --models informer --horizons 24,48 --epochs informer=3 --seeds 1,2
//   bench_forecasting --models dlinear,patchtst --data ILI     (national_illness.csv)
//   bench_forecasting --models dlinear --data ETTm1,ETTm2
//   bench_forecasting --table /tmp/forecast-bench.csv
#include "ScratchRun.h"
#include "engine/config/ConfigYaml.h"
#include "engine/store/ResultsGrid.h"
#include "engine/training/ExperimentSchema.h"
#include "engine/util/NpyFile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

using namespace tb::engine;
using tb::bench::median;
using tb::bench::ScratchRun;
using tb::bench::trainInScratch;
namespace fs = std::filesystem;

namespace {

/// A benchmarked setting and its published test figure (forecasting.md); NAN where the papers
/// have none (the LSTM baseline, which is timed and reported only).
struct Setting {
    const char* model;
    const char* data;
    int predLen;
    double mse;
    double mae;
};

/// ETTh1 and ETTh2 as the issue holds us to them, DLinear on the quarter-hourly ETTm1 and
/// ETTm2 (`--data ETTm1,ETTm2`), then national_illness.csv (`--data ILI`), for which the
/// reference gives the MSE alone.
constexpr Setting kSettings[] = {
    {"dlinear", "ETTh1", 96, 0.375, 0.399},   {"dlinear", "ETTh1", 192, 0.405, 0.416},
    {"dlinear", "ETTh1", 336, 0.439, 0.443},  {"dlinear", "ETTh1", 720, 0.472, 0.490},
    {"dlinear", "ETTh2", 96, 0.289, 0.353},   {"dlinear", "ETTh2", 192, 0.383, 0.418},
    {"dlinear", "ETTh2", 336, 0.448, 0.465},  {"dlinear", "ETTh2", 720, 0.605, 0.551},
    {"patchtst", "ETTh1", 96, 0.375, 0.399},  {"patchtst", "ETTh1", 192, 0.414, 0.421},
    {"patchtst", "ETTh1", 336, 0.431, 0.436}, {"patchtst", "ETTh1", 720, 0.449, 0.466},
    {"patchtst", "ETTh2", 96, 0.274, 0.336},  {"patchtst", "ETTh2", 192, 0.339, 0.379},
    {"patchtst", "ETTh2", 336, 0.331, 0.380}, {"patchtst", "ETTh2", 720, 0.379, 0.422},
    {"informer", "ETTh1", 24, 0.577, 0.549},  {"informer", "ETTh1", 48, 0.685, 0.625},
    {"informer", "ETTh1", 168, 0.931, 0.752}, {"informer", "ETTh1", 336, 1.128, 0.873},
    {"informer", "ETTh1", 720, 1.215, 0.896}, {"informer", "ETTh2", 24, 0.720, 0.665},
    {"informer", "ETTh2", 48, 1.457, 1.001},  {"informer", "ETTh2", 168, 3.489, 1.515},
    {"informer", "ETTh2", 336, 2.723, 1.340}, {"informer", "ETTh2", 720, 3.467, 1.473},
    {"lstm", "ETTh1", 96, NAN, NAN},          {"lstm", "ETTh2", 96, NAN, NAN},
    {"dlinear", "ETTm1", 96, 0.299, 0.343},   {"dlinear", "ETTm1", 192, 0.335, 0.365},
    {"dlinear", "ETTm1", 336, 0.369, 0.386},  {"dlinear", "ETTm1", 720, 0.425, 0.421},
    {"dlinear", "ETTm2", 96, 0.167, 0.260},   {"dlinear", "ETTm2", 192, 0.224, 0.303},
    {"dlinear", "ETTm2", 336, 0.281, 0.342},  {"dlinear", "ETTm2", 720, 0.397, 0.421},
    {"dlinear", "ILI", 24, 2.215, NAN},       {"dlinear", "ILI", 36, 1.963, NAN},
    {"dlinear", "ILI", 48, 2.130, NAN},       {"dlinear", "ILI", 60, 2.368, NAN},
    {"patchtst", "ILI", 24, 1.522, NAN},      {"patchtst", "ILI", 36, 1.430, NAN},
    {"patchtst", "ILI", 48, 1.673, NAN},      {"patchtst", "ILI", 60, 1.529, NAN},
};

/// The issue's tolerances; Informer on ETTh2 varies too much between seeds to hold it to one.
double tolerance(const std::string& model, const std::string& data) {
    if (model == "informer")
        return data == "ETTh1" ? 0.10 : -1.0;
    return 0.05;
}

struct Options {
    std::vector<std::string> models{"dlinear", "patchtst", "informer", "lstm"};
    std::vector<std::string> data{"ETTh1", "ETTh2"};
    std::vector<int> horizons;               // empty: every published one
    std::map<std::string, long long> epochs; // empty: the preset's (the paper's)
    std::vector<long long> seeds{2021};
    int threads = 2;
    int pythonBatches = 30; // 0: no PyTorch timing
    std::string results = "forecast-bench.csv";
    std::string tableOnly;
};

/// One finished run, as a CSV line.
struct Row {
    std::string model, data;
    int predLen = 0;
    long long seed = 0;
    long long epochs = 0;       // run (early stopping may end sooner)
    long long presetEpochs = 0; // the paper's
    double mse = NAN, mae = NAN, epochS = NAN, pythonEpochS = NAN;
    double papersMse = NAN, papersMae = NAN; // on the windows the papers' test loader kept
};

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> out;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, separator))
        if (!item.empty())
            out.push_back(item);
    return out;
}

[[noreturn]] void usageError(const std::string& problem) {
    std::fprintf(stderr, "%s (options and examples: the comment at the top of %s)\n",
                 problem.c_str(), __FILE__);
    std::exit(2);
}

Options parseArguments(int argc, char** argv) {
    Options o;
    // Every option takes a value; a lone flag such as --help must not start the full bench.
    if (argc % 2 == 0)
        usageError(std::string("options come as pairs such as --models dlinear; ") +
                   argv[argc - 1] + " has no value");
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const std::string value = argv[i + 1];
        if (key == "--models")
            o.models = split(value, ',');
        else if (key == "--data")
            o.data = split(value, ',');
        else if (key == "--horizons")
            for (const auto& h : split(value, ','))
                o.horizons.push_back(std::stoi(h));
        else if (key == "--epochs")
            for (const auto& pair : split(value, ','))
                o.epochs[pair.substr(0, pair.find('='))] =
                    std::stoll(pair.substr(pair.find('=') + 1));
        else if (key == "--seeds") {
            o.seeds.clear();
            for (const auto& s : split(value, ','))
                o.seeds.push_back(std::stoll(s));
        } else if (key == "--threads")
            o.threads = std::stoi(value);
        else if (key == "--python-batches")
            o.pythonBatches = std::stoi(value);
        else if (key == "--results")
            o.results = value;
        else if (key == "--table")
            o.tableOnly = value;
        else
            usageError("unknown option " + key);
    }
    return o;
}

std::string presetPath(const std::string& model, const std::string& data, int predLen) {
    std::string lower = data;
    for (auto& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return std::string(TB_PRESET_DIR) + "/" + model + "-" + lower + "-" + std::to_string(predLen) +
           ".yaml";
}

/// Scores the saved test forecasts (`forecastJson`, the run's `predictions` artifact) on the
/// windows the papers' code scores: Informer's, PatchTST's and DLinear's test loaders use the
/// training batch size with drop_last=True, so the last windows % batch are left out. At
/// PatchTST's batch of 128 that is up to 127 of the latest windows.
void scorePapersWindows(const std::string& forecastJson, long long batch, Row& row) {
    const fs::path folder = fs::path(forecastJson).parent_path();
    const NpyArray predictions = readNpyFile((folder / "test-predictions.npy").string());
    const NpyArray truth = readNpyFile((folder / "test-truth.npy").string());
    const long long windows = predictions.shape.at(0);
    const auto kept =
        static_cast<std::size_t>((windows / batch) * batch) * (predictions.values.size() / windows);
    double squared = 0.0, absolute = 0.0;
    for (std::size_t i = 0; i < kept; ++i) {
        const double error = double(predictions.values[i]) - double(truth.values[i]);
        squared += error * error;
        absolute += std::abs(error);
    }
    row.papersMse = squared / static_cast<double>(kept);
    row.papersMae = absolute / static_cast<double>(kept);
}

bool trainOurs(const std::string& preset, const Options& o, long long seed, Row& row) {
    ConfigParseResult parsed = loadConfigFile(preset, experimentSchema());
    if (!parsed.issues.empty()) {
        std::fprintf(stderr, "%s: %s", preset.c_str(), formatIssues(parsed.issues).c_str());
        return false;
    }
    Config config = parsed.config;
    row.presetEpochs = config.getInt("train.epochs");
    if (o.epochs.count(row.model))
        config.set("train.epochs", static_cast<std::int64_t>(o.epochs.at(row.model)));
    config.set("threads", static_cast<std::int64_t>(o.threads));
    config.set("seed", static_cast<std::int64_t>(seed));
    config.set("train.checkpoints", false);

    const long long batch = config.getInt("train.batch_size");
    const ScratchRun run = trainInScratch(config, [&](const std::vector<ArtifactRecord>& files) {
        for (const auto& file : files)
            if (file.kind == "predictions")
                scorePapersWindows(file.path, batch, row);
    });
    if (!run.started)
        return false;
    for (const auto& m : run.finalMetrics) {
        if (m.name == "test/mse")
            row.mse = m.value;
        if (m.name == "test/mae")
            row.mae = m.value;
    }
    row.epochs = static_cast<long long>(run.epochSeconds.size());
    // The median epoch: Python's timing leaves out its first two batches, and the median leaves
    // out our first epoch's start-up (the loader's first fill, the allocator's first requests)
    // once a run has three epochs. A one-epoch run keeps it.
    row.epochS = run.epochSeconds.empty() ? NAN : median(run.epochSeconds);
    return std::isfinite(row.mse);
}

double pythonEpochSeconds(const std::string& preset, const Options& o, long long seed) {
    if (o.pythonBatches <= 0)
        return NAN;
    // Python gets the C allocator and BLAS settings the engine gives itself
    // (engine/util/HostMemory, engine/util/BlasThreads): the ratio then compares the two
    // frameworks, not glibc's and OpenBLAS's defaults against ours.
    const std::string command = "MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0 "
                                "MALLOC_TRIM_THRESHOLD_=2147483647 OPENBLAS_NUM_THREADS=1 "
                                "/usr/bin/python3 " TB_BENCH_DIR "/forecast_reference.py " +
                                preset + " --threads " + std::to_string(o.threads) + " --seed " +
                                std::to_string(seed) + " --time-batches " +
                                std::to_string(o.pythonBatches);
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr)
        return NAN;
    std::string output;
    char buffer[512];
    while (std::fgets(buffer, sizeof(buffer), pipe) != nullptr)
        output += buffer;
    pclose(pipe);
    const auto at = output.find("\"epoch_s\": ");
    return at == std::string::npos ? NAN : std::atof(output.c_str() + at + 11);
}

void appendRow(const std::string& path, const Row& r) {
    const bool fresh = !fs::exists(path);
    std::ofstream file(path, std::ios::app);
    if (fresh)
        file << "model,data,pred_len,seed,epochs,preset_epochs,mse,mae,epoch_s,python_epoch_s,"
                "papers_windows_mse,papers_windows_mae\n";
    file << r.model << ',' << r.data << ',' << r.predLen << ',' << r.seed << ',' << r.epochs << ','
         << r.presetEpochs << ',' << r.mse << ',' << r.mae << ',' << r.epochS << ','
         << r.pythonEpochS << ',' << r.papersMse << ',' << r.papersMae << '\n';
}

std::vector<Row> readRows(const std::string& path) {
    std::vector<Row> rows;
    std::ifstream file(path);
    std::string line;
    std::getline(file, line);
    while (std::getline(file, line)) {
        const auto cells = split(line, ',');
        if (cells.size() != 12)
            continue;
        Row r;
        r.model = cells[0];
        r.data = cells[1];
        r.predLen = std::stoi(cells[2]);
        r.seed = std::stoll(cells[3]);
        r.epochs = std::stoll(cells[4]);
        r.presetEpochs = std::stoll(cells[5]);
        r.mse = std::stod(cells[6]);
        r.mae = std::stod(cells[7]);
        r.epochS = std::stod(cells[8]);
        r.pythonEpochS = std::stod(cells[9]);
        r.papersMse = std::stod(cells[10]);
        r.papersMae = std::stod(cells[11]);
        rows.push_back(r);
    }
    return rows;
}

std::string figure(const MeanStd& s) {
    char text[48];
    if (s.stddev > 0.0)
        std::snprintf(text, sizeof(text), "%.3f±%.3f", s.mean, s.stddev);
    else
        std::snprintf(text, sizeof(text), "%.3f", s.mean);
    return text;
}

/// `value` in `format`, or a dash where there is none.
std::string orDash(const char* format, double value) {
    if (std::isnan(value))
        return "–";
    char text[32];
    std::snprintf(text, sizeof(text), format, value);
    return text;
}

/// "±5% ok", "±5% MISSED", or why the setting is not held to the paper.
std::string verdict(const Setting& p, double delta) {
    if (std::isnan(p.mse))
        return "no paper figure";
    const double tol = tolerance(p.model, p.data);
    if (tol <= 0)
        return "reported only";
    return "±" + std::to_string(static_cast<int>(tol * 100)) +
           (std::abs(delta) <= tol ? "% ok" : "% MISSED");
}

/// One table line per (model, data, horizon): seeds averaged, with their spread. The papers'
/// columns score the same runs on the windows the papers' test loaders kept.
void printTable(const std::vector<Row>& rows) {
    std::printf(
        "\n| model | data | pred | epochs run / paper | seeds | MSE ours | MSE paper | ΔMSE | "
        "tolerance | MSE ours, papers' windows | ΔMSE there | MAE ours | MAE paper | "
        "epoch s ours | epoch s PyTorch | ratio |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (const auto& p : kSettings) {
        std::vector<double> mse, mae, papersMse, epochS, python;
        std::vector<long long> epochs;
        long long presetEpochs = 0;
        for (const auto& r : rows) {
            if (r.model != p.model || r.data != p.data || r.predLen != p.predLen)
                continue;
            mse.push_back(r.mse);
            mae.push_back(r.mae);
            papersMse.push_back(r.papersMse);
            epochS.push_back(r.epochS);
            if (std::isfinite(r.pythonEpochS))
                python.push_back(r.pythonEpochS);
            epochs.push_back(r.epochs);
            presetEpochs = r.presetEpochs;
        }
        if (mse.empty())
            continue;
        const MeanStd ourMse = meanStd(mse);
        const MeanStd ourPapersMse = meanStd(papersMse);
        const double delta = (ourMse.mean - p.mse) / p.mse;
        const double papersDelta = (ourPapersMse.mean - p.mse) / p.mse;
        std::string epochText;
        for (const auto e : epochs)
            epochText += (epochText.empty() ? "" : ",") + std::to_string(e);
        const double ourEpochS = meanStd(epochS).mean;
        const double torchEpochS = python.empty() ? NAN : meanStd(python).mean;
        std::printf(
            "| %s | %s | %d | %s / %lld | %zu | %s | %s | %s | %s | %s | %s | %s | %s | %.1f | "
            "%.1f | %.2f |\n",
            p.model, p.data, p.predLen, epochText.c_str(), presetEpochs, mse.size(),
            figure(ourMse).c_str(), orDash("%.3f", p.mse).c_str(),
            orDash("%+.1f%%", 100.0 * delta).c_str(), verdict(p, delta).c_str(),
            figure(ourPapersMse).c_str(),
            (orDash("%+.1f%%", 100.0 * papersDelta) + " " + verdict(p, papersDelta)).c_str(),
            figure(meanStd(mae)).c_str(), orDash("%.3f", p.mae).c_str(), ourEpochS, torchEpochS,
            ourEpochS / torchEpochS);
    }
}

} // namespace

int main(int argc, char** argv) {
    const Options o = parseArguments(argc, argv);
    if (!o.tableOnly.empty()) {
        printTable(readRows(o.tableOnly));
        return 0;
    }
    for (const auto& model : o.models) {
        for (const auto& data : o.data) {
            for (const auto& p : kSettings) {
                const bool wanted =
                    o.horizons.empty() ||
                    std::find(o.horizons.begin(), o.horizons.end(), p.predLen) != o.horizons.end();
                if (p.model != model || p.data != data || !wanted)
                    continue;
                const std::string preset = presetPath(model, data, p.predLen);
                double python = NAN;
                for (const long long seed : o.seeds) {
                    Row row;
                    row.model = model;
                    row.data = data;
                    row.predLen = p.predLen;
                    row.seed = seed;
                    if (!trainOurs(preset, o, seed, row))
                        continue;
                    if (!std::isfinite(python))
                        python = pythonEpochSeconds(preset, o, seed);
                    row.pythonEpochS = python;
                    appendRow(o.results, row);
                    std::printf("%s %s %d seed %lld: mse %.4f (paper %.3f), mae %.4f, %lld epochs "
                                "of %.1f s "
                                "(PyTorch %.1f s)\n",
                                model.c_str(), data.c_str(), p.predLen, seed, row.mse, p.mse,
                                row.mae, row.epochs, row.epochS, python);
                    std::fflush(stdout);
                }
            }
        }
    }
    printTable(readRows(o.results));
    return 0;
}
