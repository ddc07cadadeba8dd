// The config fields and cross-field rules of data.kind `csv`.
#pragma once

namespace tb::engine {

class Schema;

/// Declares data.path, data.target, data.features, data.freq, data.seq_len, data.label_len,
/// data.pred_len, data.split and data.channels (tagged for data kind `csv`, with
/// Time-Series-Library's defaults) and the rules that tie them together.
void declareCsvDataFields(Schema& schema);

} // namespace tb::engine
