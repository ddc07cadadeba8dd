// A Prediction as a CSV file for spreadsheets and pandas.
#pragma once

#include "engine/inference/Prediction.h"

#include <string>

namespace tb::engine {

/// Classification: `file,class,probability` and then a column per class with its
/// probability, a row per image (an IDX file's image named `file#index`); where any image has
/// a label, a last column `label` holds its class (empty where unknown). Forecasting: `date` and a
/// column per forecast channel, then
/// `<channel>_actual` columns (empty past the file's end) where the file goes on past the
/// rows read. Numbers have 9 significant digits (a float32 model's precision); names are
/// quoted as RFC 4180 asks.
std::string predictionCsv(const Prediction& prediction);

} // namespace tb::engine
