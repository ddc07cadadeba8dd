#include "TestSchemaHelpers.h"

#include <type_traits>

namespace tb::engine::test {
namespace {

using I = std::int64_t;

Schema buildTestSchema() {
    Schema s;
    s.add(FieldSpec{"name", FieldType::String, std::string{"experiment"}}.help("Run name"));
    s.add(FieldSpec{"seed", FieldType::Int, I{42}}.min(0).help("Random seed"));
    s.add(FieldSpec{"data.kind", FieldType::Enum, std::string{"idx"}}
              .oneOf({"idx", "csv"})
              .help("Dataset format"));
    s.add(FieldSpec{"data.root", FieldType::Path, std::string{"/data/mnist"}}.forData("idx").help(
        "Folder of IDX files"));
    s.add(FieldSpec{"data.target", FieldType::String, std::string{"OT"}}.forData("csv").help(
        "Column to forecast"));
    s.add(FieldSpec{"data.val_fraction", FieldType::Float, 0.1}.min(0.0).max(0.5).help(
        "Share held out for validation"));
    s.add(FieldSpec{"model.name", FieldType::Enum, std::string{"mlp"}}
              .oneOf({"mlp", "cnn"})
              .help("Model family"));
    s.add(FieldSpec{"model.hidden", FieldType::Int, I{256}}.min(1).max(65536).forModel("mlp").help(
        "Units per hidden layer"));
    s.add(FieldSpec{"model.channels", FieldType::Int, I{32}}.min(1).max(1024).forModel("cnn").help(
        "Filters of the first convolution"));
    s.add(FieldSpec{"model.hidden", FieldType::Int, I{128}}.min(1).max(65536).forModel("cnn").help(
        "Units of the dense layer"));
    s.add(FieldSpec{"model.dropout", FieldType::Float, 0.1}.min(0.0).max(0.95).help(
        "Dropout probability"));
    s.add(FieldSpec{"optim.name", FieldType::Enum, std::string{"adamw"}}
              .oneOf({"sgd", "adam", "adamw"})
              .help("Optimizer"));
    s.add(FieldSpec{"optim.lr", FieldType::Float, 1e-3}.min(1e-12).max(10.0).help(
        "Peak learning rate"));
    s.add(FieldSpec{"train.epochs", FieldType::Int, I{3}}.min(1).max(100000).help(
        "Passes over the training split"));
    s.add(FieldSpec{"train.batch_size", FieldType::Int, I{64}}.min(1).help("Samples per step"));
    s.add(FieldSpec{"train.shuffle", FieldType::Bool, true}.help("Shuffle every epoch"));
    s.add(FieldSpec{"train.early_stop.patience", FieldType::Int, I{0}}.min(0).help(
        "Validations without improvement before stopping;\n0 never stops early"));
    s.add(FieldSpec{"train.early_stop.min_delta", FieldType::Float, 0.0}.min(0.0).help(
        "Smallest improvement that counts"));
    s.addRule([](const Config& c, ConfigIssues& out) {
        if (c.getInt("train.early_stop.patience") > 0 && c.getFloat("data.val_fraction") <= 0.0)
            out.push_back({"train.early_stop.patience",
                           "early stopping needs a validation split; set data.val_fraction "
                           "above 0 or patience to 0"});
    });
    return s;
}

} // namespace

const Schema& testSchema() {
    static const Schema schema = buildTestSchema();
    return schema;
}

QString describe(const ConfigValue& value) {
    return std::visit(
        [](const auto& v) -> QString {
            using T = std::decay_t<decltype(v)>;
            const QString text = QString::fromStdString(toString(ConfigValue{v}));
            if constexpr (std::is_same_v<T, bool>)
                return "bool " + text;
            else if constexpr (std::is_same_v<T, std::int64_t>)
                return "int " + text;
            else if constexpr (std::is_same_v<T, double>)
                return "float " + text;
            else
                return "string '" + text + "'";
        },
        value);
}

QString effectiveValues(const Config& config) {
    QString text;
    for (const FieldSpec* field : config.schema().activeFields(config))
        text +=
            QString::fromStdString(field->key) + " = " + describe(config.value(field->key)) + '\n';
    return text;
}

QStringList issueLines(const ConfigIssues& issues) {
    QStringList lines;
    for (const ConfigIssue& issue : issues)
        lines << QString::fromStdString(issue.field + ": " + issue.message);
    return lines;
}

bool hasIssue(const ConfigIssues& issues, const QString& field, const QString& messagePart) {
    for (const ConfigIssue& issue : issues) {
        if (QString::fromStdString(issue.field) == field &&
            QString::fromStdString(issue.message).contains(messagePart))
            return true;
    }
    return false;
}

} // namespace tb::engine::test
