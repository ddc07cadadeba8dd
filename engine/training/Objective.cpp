#include "engine/training/Objective.h"

#include "engine/data/DataError.h"
#include "engine/data/DataSplits.h"
#include "engine/data/csv/WindowDataset.h"
#include "engine/training/ClassificationObjective.h"
#include "engine/training/ForecastObjective.h"

namespace tb::engine {

std::unique_ptr<Objective> makeObjective(const DataSplits& data) {
    if (data.task == "classification")
        return std::make_unique<ClassificationObjective>(data.numClasses, data.classNames,
                                                         data.testImages);
    if (data.task == "forecasting")
        return std::make_unique<ForecastObjective>(
            std::dynamic_pointer_cast<const WindowDataset>(data.test));
    throw DataError("no objective for task '" + data.task + "'");
}

std::vector<std::string> taskMetricNames(const std::string& task) {
    if (task == "classification")
        return ClassificationObjective::metricNames();
    if (task == "forecasting")
        return ForecastObjective::metricNames();
    return {};
}

} // namespace tb::engine
