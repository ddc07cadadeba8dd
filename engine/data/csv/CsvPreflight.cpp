#include "engine/data/csv/CsvPreflight.h"

#include "engine/config/Config.h"
#include "engine/data/DataError.h"
#include "engine/data/csv/CsvSplits.h"

#include <filesystem>

namespace tb::engine {

void checkCsvData(const Config& config, ConfigIssues& out) {
    if (config.getString("data.kind") != "csv")
        return;
    const auto options = CsvSplitOptions::fromConfig(config);
    if (options.path.empty())
        return; // the schema's rule already says so
    std::error_code error;
    if (!std::filesystem::is_regular_file(options.path, error)) {
        out.push_back({"data.path", "file '" + options.path +
                                        "' does not exist; point data.path at a CSV file (a "
                                        "relative path starts at the config file's folder)"});
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
