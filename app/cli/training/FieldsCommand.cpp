// `trainbench-cli fields [PREFIX]`: every config field with its type, range, default and help,
// the reference for writing a YAML config by hand on a server; `--keys` lists the keys alone,
// for shell completion of --set and --grid.
#include "Commands.h"
#include "ExitCodes.h"
#include "engine/training/ExperimentSchema.h"

#include <iostream>
#include <memory>
#include <set>
#include <sstream>

namespace tb::cli {
using namespace tb::engine;

namespace {

struct FieldsArgs {
    std::string prefix;
    bool keysOnly = false;
};

std::string numberText(double value, FieldType type) {
    std::ostringstream text;
    if (type == FieldType::Int)
        text << static_cast<std::int64_t>(value);
    else
        text << value;
    return text.str();
}

/// "whole number 1 to 65536", "one of adam, adamw, sgd", "true or false".
std::string typeText(const FieldSpec& field) {
    std::string text;
    switch (field.type) {
    case FieldType::Bool:
        return "true or false";
    case FieldType::Enum:
        for (const std::string& choice : field.choices)
            text += (text.empty() ? "one of " : ", ") + choice;
        return text;
    case FieldType::Path:
        return "path";
    case FieldType::String:
        return "text";
    case FieldType::Int:
        text = "whole number";
        break;
    case FieldType::Float:
        text = "number";
        break;
    }
    if (field.minValue && field.maxValue)
        return text + " " + numberText(*field.minValue, field.type) + " to " +
               numberText(*field.maxValue, field.type);
    if (field.minValue)
        return text + " from " + numberText(*field.minValue, field.type);
    if (field.maxValue)
        return text + " up to " + numberText(*field.maxValue, field.type);
    return text;
}

/// "default 128", "no default"; and which models or data the field belongs to.
std::string detailsText(const FieldSpec& field) {
    const std::string value = toString(field.defaultValue);
    std::string text = value.empty() ? "no default" : "default " + value;
    if (!field.modelFamily.empty())
        text += "; model " + field.modelFamily + " only";
    if (!field.dataKind.empty())
        text += "; data.kind " + field.dataKind + " only";
    return text;
}

int listFields(const FieldsArgs& args) {
    std::set<std::string> keysShown;
    int shown = 0;
    for (const FieldSpec& field : experimentSchema().fields()) {
        if (field.key.rfind(args.prefix, 0) != 0)
            continue;
        ++shown;
        if (args.keysOnly) {
            // A field declared for several models or data kinds is one key.
            if (keysShown.insert(field.key).second)
                std::cout << field.key << "\n";
            continue;
        }
        std::cout << field.key << "  (" << typeText(field) << "; " << detailsText(field)
                  << ")\n    " << field.helpText << "\n";
    }
    if (shown == 0) {
        std::cerr << "error: no config field starts with '" << args.prefix
                  << "'; `trainbench-cli fields` lists them all\n";
        return kNotFound;
    }
    return kSuccess;
}

} // namespace

void addFieldsCommand(CLI::App& app, int& exitCode) {
    auto args = std::make_shared<FieldsArgs>();
    CLI::App* cmd = app.add_subcommand(
        "fields", "Every config field with its type, range, default and help (the YAML reference)");
    cmd->add_option("prefix", args->prefix, "Only the fields whose key starts so (e.g. optim.)");
    cmd->add_flag("--keys", args->keysOnly, "The keys alone, one a line");
    cmd->callback([args, &exitCode] { exitCode = listFields(*args); });
}

} // namespace tb::cli
