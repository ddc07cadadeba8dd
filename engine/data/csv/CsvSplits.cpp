#include "engine/data/csv/CsvSplits.h"

#include "engine/data/DataError.h"
#include "engine/data/csv/TimeFeatures.h"

#include <filesystem>

namespace tb::engine {
namespace {

std::string describe(const CsvSplitOptions& o, std::size_t channels, const DataSplits& splits) {
    return std::filesystem::path(o.path).filename().string() + ": " +
           std::to_string(splits.train->size()) + " train / " + std::to_string(splits.val->size()) +
           " val / " + std::to_string(splits.test->size()) + " test windows (seq " +
           std::to_string(o.window.seqLen) + ", label " + std::to_string(o.window.labelLen) +
           ", pred " + std::to_string(o.window.predLen) + "), " + std::to_string(channels) +
           " channels (" + o.features + "), " + o.split + " split";
}

} // namespace

torch::Tensor channelValues(const CsvTable& table, const std::vector<std::string>& channels) {
    const auto all = torch::from_blob(
        const_cast<double*>(table.values.data()),
        {table.rows(), static_cast<std::int64_t>(table.columns.size())}, torch::kFloat64);
    std::vector<std::int64_t> indices;
    for (const auto& name : channels)
        indices.push_back(table.columnIndex(name));
    // index_select copies, so the result outlives the table.
    return all.index_select(1, torch::tensor(indices, torch::kInt64));
}

DataSplits loadCsvSplits(const CsvSplitOptions& options) {
    const CsvTable table = readCsvTable(options.path);
    const auto issues = checkCsvOptions(table, options);
    if (!issues.empty())
        throw DataError(issues.front().field + ": " + issues.front().message);
    const auto channels = selectChannels(table, options);
    const auto plan = planSplits(table, options);

    const auto values = channelValues(table, channels);
    const auto channelCount = static_cast<std::int64_t>(channels.size());
    auto info = std::make_shared<SeriesInfo>();
    info->path = options.path;
    info->columns = channels;
    info->outputChannels = options.features == "M" ? channelCount : 1;
    info->scaler = options.normalize
                       ? StandardScaler::fit(values.slice(0, plan[0].begin, plan[0].end))
                       : StandardScaler::identity(channelCount);
    info->dates = table.dates;
    const auto series = info->scaler.transform(values).to(torch::kFloat32);
    const auto marks = timeFeatures(table.dates, options.freq);

    std::array<std::shared_ptr<const Dataset>, 3> datasets;
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const auto& rows = plan[i];
        datasets[i] = std::make_shared<const WindowDataset>(series.slice(0, rows.begin, rows.end),
                                                            marks.slice(0, rows.begin, rows.end),
                                                            options.window, info, rows.begin);
    }
    DataSplits splits;
    splits.train = datasets[0];
    splits.val = datasets[1];
    splits.test = datasets[2];
    splits.task = "forecasting";
    splits.sampleShape = {options.window.seqLen, channelCount};
    splits.recipe.columns = channels;
    splits.recipe.scaler = info->scaler;
    splits.description = describe(options, channels.size(), splits);
    return splits;
}

} // namespace tb::engine
