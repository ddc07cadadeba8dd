#include "engine/config/Config.h"
#include "engine/data/DataError.h"
#include "engine/data/DataSplits.h"
#include "engine/data/IdxSplits.h"
#include "engine/data/csv/CsvSplits.h"
#include "engine/data/images/ImageFolderSplits.h"

#include <array>
#include <string_view>

namespace tb::engine {
namespace {

/// One loadable `data.kind`: add a row to support another.
struct DataKind {
    std::string_view name;
    std::string_view task;
    DataSplits (*load)(const Config& config);
};

constexpr std::array<DataKind, 3> kDataKinds{{
    {"idx", "classification",
     [](const Config& c) { return loadIdxSplits(IdxSplitOptions::fromConfig(c)); }},
    {"folder", "classification",
     [](const Config& c) { return loadImageFolderSplits(ImageFolderSplitOptions::fromConfig(c)); }},
    {"csv", "forecasting",
     [](const Config& c) { return loadCsvSplits(CsvSplitOptions::fromConfig(c)); }},
}};

} // namespace

DataSplits loadDataSplits(const Config& config) {
    const auto& kind = config.getString("data.kind");
    std::string known;
    for (const auto& entry : kDataKinds) {
        if (entry.name == kind) {
            return entry.load(config);
        }
        known += (known.empty() ? "" : ", ") + std::string(entry.name);
    }
    throw DataError("unknown data.kind '" + kind + "'; use one of: " + known);
}

std::string dataTask(const std::string& dataKind) {
    for (const auto& entry : kDataKinds)
        if (entry.name == dataKind)
            return std::string(entry.task);
    return {};
}

} // namespace tb::engine
