#include "engine/models/forecasting/ForecastFamilies.h"

#include "engine/config/Config.h"
#include "engine/models/forecasting/DLinear.h"
#include "engine/models/forecasting/Informer.h"
#include "engine/models/forecasting/LstmForecaster.h"
#include "engine/models/forecasting/PatchTST.h"

namespace tb::engine {
namespace {

using I = std::int64_t;

constexpr const char* kTask = "forecasting";

FieldSpec dropoutField(double value, const std::string& help) {
    return FieldSpec{"model.dropout", FieldType::Float, value}.min(0.0).max(0.95).help(help);
}

} // namespace

ModelFamily dlinearFamily() {
    ModelFamily f;
    f.name = "dlinear";
    f.task = kTask;
    f.description = "DLinear: trend / remainder decomposition and two linear maps per window";
    f.hyperparameters = {
        FieldSpec{"model.moving_avg", FieldType::Int, I{25}}.min(1).max(1001).help(
            "Odd window of the moving average that extracts the trend"),
        FieldSpec{"model.individual", FieldType::Bool, false}.help(
            "One linear map per channel instead of one shared by all"),
    };
    f.build = [](const Config& c, const DataSplits& data) -> std::shared_ptr<Model> {
        DLinearOptions o;
        o.shape = ForecastShape::fromConfig(c, data);
        o.movingAverage = c.getInt("model.moving_avg");
        o.individual = c.getBool("model.individual");
        return std::make_shared<DLinear>(o);
    };
    return f;
}

ModelFamily patchTstFamily() {
    ModelFamily f;
    f.name = "patchtst";
    f.task = kTask;
    f.description = "PatchTST: channel-independent Transformer over patches, with RevIN";
    f.hyperparameters = {
        FieldSpec{"model.e_layers", FieldType::Int, I{3}}.min(1).max(64).help("Encoder layers"),
        FieldSpec{"model.n_heads", FieldType::Int, I{16}}.min(1).max(256).help(
            "Attention heads (d_model must be a multiple)"),
        FieldSpec{"model.d_model", FieldType::Int, I{128}}.min(1).max(8192).help(
            "Width of the patch embeddings"),
        FieldSpec{"model.d_ff", FieldType::Int, I{256}}.min(1).max(65536).help(
            "Width of the feed-forward layers"),
        dropoutField(0.2, "Dropout in the encoder"),
        FieldSpec{"model.head_dropout", FieldType::Float, 0.0}.min(0.0).max(0.95).help(
            "Dropout after the forecasting head"),
        FieldSpec{"model.patch_len", FieldType::Int, I{16}}.min(1).max(100000).help(
            "Rows per patch"),
        FieldSpec{"model.stride", FieldType::Int, I{8}}.min(1).max(100000).help(
            "Rows between the starts of consecutive patches"),
        FieldSpec{"model.padding_patch", FieldType::Enum, std::string{"end"}}
            .oneOf({"end", "none"})
            .help("end: repeat the last row stride times, one more patch (PatchTST/42 at seq 336)"),
        FieldSpec{"model.revin", FieldType::Bool, true}.help(
            "Normalise each input window by its own statistics and undo it on the forecast"),
        FieldSpec{"model.affine", FieldType::Bool, false}.help(
            "Learned scale and shift in RevIN (off in the PatchTST scripts)"),
        FieldSpec{"model.subtract_last", FieldType::Bool, false}.help(
            "RevIN centres on the last input row instead of the window mean"),
    };
    f.build = [](const Config& c, const DataSplits& data) -> std::shared_ptr<Model> {
        PatchTstOptions o;
        o.shape = ForecastShape::fromConfig(c, data);
        o.layers = c.getInt("model.e_layers");
        o.heads = c.getInt("model.n_heads");
        o.dModel = c.getInt("model.d_model");
        o.dFf = c.getInt("model.d_ff");
        o.dropout = c.getFloat("model.dropout");
        o.headDropout = c.getFloat("model.head_dropout");
        o.patchLen = c.getInt("model.patch_len");
        o.stride = c.getInt("model.stride");
        o.padEnd = c.getString("model.padding_patch") == "end";
        o.revin = c.getBool("model.revin");
        o.affine = c.getBool("model.affine");
        o.subtractLast = c.getBool("model.subtract_last");
        return std::make_shared<PatchTST>(o);
    };
    return f;
}

ModelFamily informerFamily() {
    ModelFamily f;
    f.name = "informer";
    f.task = kTask;
    f.description = "Informer: ProbSparse attention, distilling encoder, generative decoder";
    f.hyperparameters = {
        FieldSpec{"model.d_model", FieldType::Int, I{512}}.min(1).max(8192).help("Model width"),
        FieldSpec{"model.n_heads", FieldType::Int, I{8}}.min(1).max(256).help(
            "Attention heads (d_model must be a multiple)"),
        FieldSpec{"model.e_layers", FieldType::Int, I{2}}.min(1).max(64).help("Encoder layers"),
        FieldSpec{"model.d_layers", FieldType::Int, I{1}}.min(1).max(64).help("Decoder layers"),
        FieldSpec{"model.d_ff", FieldType::Int, I{2048}}.min(1).max(65536).help(
            "Width of the feed-forward layers"),
        FieldSpec{"model.factor", FieldType::Int, I{5}}.min(1).max(100).help(
            "ProbSparse factor c: c * ceil(ln L) queries and sampled keys"),
        dropoutField(0.05, "Dropout throughout"),
        FieldSpec{"model.attn", FieldType::Enum, std::string{"prob"}}
            .oneOf({"prob", "full"})
            .help("Self-attention: prob (ProbSparse) or full"),
        FieldSpec{"model.distil", FieldType::Bool, true}.help(
            "Halve the sequence between encoder layers"),
        FieldSpec{"model.mix", FieldType::Bool, true}.help(
            "Mix the heads of the decoder self-attention as the reference implementation does"),
    };
    f.build = [](const Config& c, const DataSplits& data) -> std::shared_ptr<Model> {
        InformerOptions o;
        o.shape = ForecastShape::fromConfig(c, data);
        o.dModel = c.getInt("model.d_model");
        o.heads = c.getInt("model.n_heads");
        o.encoderLayers = c.getInt("model.e_layers");
        o.decoderLayers = c.getInt("model.d_layers");
        o.dFf = c.getInt("model.d_ff");
        o.factor = c.getInt("model.factor");
        o.dropout = c.getFloat("model.dropout");
        o.probSparse = c.getString("model.attn") == "prob";
        o.distil = c.getBool("model.distil");
        o.mix = c.getBool("model.mix");
        return std::make_shared<Informer>(o);
    };
    return f;
}

ModelFamily lstmFamily() {
    ModelFamily f;
    f.name = "lstm";
    f.task = kTask;
    f.description = "LSTM baseline: a stacked LSTM over the window and a linear head";
    f.hyperparameters = {
        FieldSpec{"model.hidden", FieldType::Int, I{64}}.min(1).max(65536).help(
            "Units per LSTM layer"),
        FieldSpec{"model.layers", FieldType::Int, I{2}}.min(1).max(64).help("LSTM layers"),
        dropoutField(0.0, "Dropout between LSTM layers"),
        FieldSpec{"model.time_features", FieldType::Bool, true}.help(
            "Feed the calendar features beside the values"),
    };
    f.build = [](const Config& c, const DataSplits& data) -> std::shared_ptr<Model> {
        LstmOptions o;
        o.shape = ForecastShape::fromConfig(c, data);
        o.hidden = c.getInt("model.hidden");
        o.layers = c.getInt("model.layers");
        o.dropout = c.getFloat("model.dropout");
        o.timeFeatures = c.getBool("model.time_features");
        return std::make_shared<LstmForecaster>(o);
    };
    return f;
}

} // namespace tb::engine
