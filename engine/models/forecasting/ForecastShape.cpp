#include "engine/models/forecasting/ForecastShape.h"

#include "engine/config/Config.h"
#include "engine/data/DataSplits.h"
#include "engine/data/csv/TimeFeatures.h"

#include <stdexcept>

namespace tb::engine {

ForecastShape ForecastShape::fromConfig(const Config& config, const DataSplits& data) {
    if (data.task != "forecasting" || data.sampleShape.size() != 2)
        throw std::invalid_argument("a forecasting model needs windows [seq_len, channels] from "
                                    "a csv dataset (data.kind: csv)");
    ForecastShape s;
    s.seqLen = config.getInt("data.seq_len");
    s.labelLen = config.getInt("data.label_len");
    s.predLen = config.getInt("data.pred_len");
    s.channels = data.sampleShape[1];
    s.outputs = config.getString("data.features") == "M" ? s.channels : 1;
    s.timeFeatures = timeFeatureCount(config.getString("data.freq"));
    return s;
}

} // namespace tb::engine
