// The forecasting model families, for the one registry in ModelRegistry.cpp.
#pragma once

#include "engine/models/ModelRegistry.h"

namespace tb::engine {

/// `dlinear`: model.moving_avg 25, model.individual false (DLinear paper).
ModelFamily dlinearFamily();
/// `patchtst`: PatchTST/42 supervised defaults (3 layers, 16 heads, d_model 128, d_ff 256,
/// dropout 0.2, patches of 16 every 8, RevIN).
ModelFamily patchTstFamily();
/// `informer`: Informer's defaults (d_model 512, 8 heads, 2 encoder + 1 decoder layers,
/// d_ff 2048, factor 5, dropout 0.05, ProbSparse, distilling, mix).
ModelFamily informerFamily();
/// `lstm`: a 2-layer LSTM of 64 units with a linear head.
ModelFamily lstmFamily();

} // namespace tb::engine
