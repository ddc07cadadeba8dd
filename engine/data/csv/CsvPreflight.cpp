#include "engine/data/csv/CsvPreflight.h"

#include "engine/config/Config.h"
#include "engine/data/DataError.h"
#include "engine/data/csv/CsvSplits.h"

#include <filesystem>

namespace tb::engine {
namespace {

/// Where to get a missing file that is one of the public files the presets train on.
std::string publicSourceHint(const std::filesystem::path& path) {
    const std::string file = path.filename().string();
    for (const char* ett : {"ETTh1.csv", "ETTh2.csv", "ETTm1.csv", "ETTm2.csv"}) {
        if (file == ett)
            return "; " + file +
                   " is one of the ETT files published with Informer: download it from "
                   "https://github.com/zhouhaoyi/ETDataset (folder ETT-small)";
    }
    for (const char* other : {"national_illness.csv", "exchange_rate.csv"}) {
        if (file == other)
            return "; " + file +
                   " is one of the files Autoformer's authors collected: download their "
                   "datasets from the links in https://github.com/thuml/Autoformer";
    }
    return {};
}

} // namespace

void checkCsvData(const Config& config, ConfigIssues& out) {
    if (config.getString("data.kind") != "csv")
        return;
    const auto options = CsvSplitOptions::fromConfig(config);
    if (options.path.empty())
        return; // the schema's rule already says so
    std::error_code error;
    if (std::filesystem::is_directory(options.path, error)) {
        out.push_back({"data.path", "'" + options.path +
                                        "' is a folder; point data.path at a CSV file in it"});
        return;
    }
    if (!std::filesystem::is_regular_file(options.path, error)) {
        out.push_back({"data.path", "file '" + options.path +
                                        "' does not exist; point data.path at a CSV file (a "
                                        "relative path starts at the config file's folder)" +
                                        publicSourceHint(options.path)});
        return;
    }
    try {
        const auto issues = checkCsvOptions(readCsvTable(options.path), options);
        out.insert(out.end(), issues.begin(), issues.end());
    } catch (const DataError& e) {
        out.push_back({"data.path", e.what()});
    }
}

} // namespace tb::engine
