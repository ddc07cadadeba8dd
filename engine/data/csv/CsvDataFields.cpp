#include "engine/data/csv/CsvDataFields.h"

#include "engine/config/Config.h"
#include "engine/config/Schema.h"
#include "engine/data/csv/TimeFeatures.h"

namespace tb::engine {
namespace {

using I = std::int64_t;

constexpr const char* kKind = "csv";

bool isCsv(const Config& c) {
    return c.getString("data.kind") == kKind;
}

void declareFields(Schema& s) {
    s.add(FieldSpec{"data.path", FieldType::Path, std::string{}}.forData(kKind).help(
        "CSV file: a date column and numeric columns (ETT style); a relative path starts at "
        "the config file's folder"));
    s.add(FieldSpec{"data.target", FieldType::String, std::string{"OT"}}.forData(kKind).help(
        "Column forecast with features S and MS; it becomes the last channel"));
    s.add(FieldSpec{"data.features", FieldType::Enum, std::string{"M"}}
              .oneOf({"M", "S", "MS"})
              .forData(kKind)
              .help("M: every column in and out; S: the target in and out; MS: every column "
                    "in, the target out"));
    s.add(FieldSpec{"data.freq", FieldType::Enum, std::string{"h"}}
              .oneOf(timeFeatureFrequencies())
              .forData(kKind)
              .help("Frequency of the time features: s, t (minutely), h (hourly), d (daily), "
                    "b (business days), w (weekly), m (monthly)"));
    s.add(FieldSpec{"data.seq_len", FieldType::Int, I{96}}.min(1).max(100000).forData(kKind).help(
        "Input window: rows the model reads"));
    s.add(FieldSpec{"data.label_len", FieldType::Int, I{48}}.min(0).max(100000).forData(kKind).help(
        "Rows at the end of the input window that start the decoder (Informer)"));
    s.add(FieldSpec{"data.pred_len", FieldType::Int, I{96}}.min(1).max(100000).forData(kKind).help(
        "Forecast horizon: rows predicted per window"));
    s.add(FieldSpec{"data.split", FieldType::Enum, std::string{"ratio"}}
              .oneOf({"ett", "ratio"})
              .forData(kKind)
              .help("ett: 12 / 4 / 4 months of 30 days (the ETT benchmark protocol); ratio: "
                    "70% / 10% / 20% of the rows"));
    s.add(FieldSpec{"data.channels", FieldType::Int, I{0}}.min(0).max(100000).forData(kKind).help(
        "Input channels the model expects (enc_in); 0 takes them from the file"));
}

void declareRules(Schema& s) {
    s.addRule([](const Config& c, ConfigIssues& out) {
        if (isCsv(c) && c.getString("data.path").empty())
            out.push_back({"data.path", "is empty; point it at a CSV file with a date column "
                                        "and numeric columns"});
    });
    s.addRule([](const Config& c, ConfigIssues& out) {
        if (!isCsv(c))
            return;
        const auto seqLen = c.getInt("data.seq_len");
        const auto labelLen = c.getInt("data.label_len");
        if (labelLen > seqLen)
            out.push_back({"data.label_len",
                           "is " + std::to_string(labelLen) + " but data.seq_len is " +
                               std::to_string(seqLen) +
                               "; the decoder starts from the end of the input window, so set "
                               "data.label_len to at most " +
                               std::to_string(seqLen) + " or raise data.seq_len"});
    });
}

} // namespace

void declareCsvDataFields(Schema& schema) {
    declareFields(schema);
    declareRules(schema);
}

} // namespace tb::engine
