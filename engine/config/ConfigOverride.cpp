#include "engine/config/ConfigYaml.h"
#include "engine/config/FieldScope.h"
#include "engine/config/Schema.h"
#include "engine/config/ValueParsing.h"
#include "engine/util/Trimmed.h"

#include <yaml-cpp/yaml.h>

namespace tb::engine {
namespace {

ParsedValue parseValueText(FieldType type, const std::string& text) {
    try {
        return parseNode(type, YAML::Load(text));
    } catch (const YAML::Exception& e) {
        return {ConfigValue{},
                "cannot read the value '" + text + "': " + e.msg + "; quote it, e.g. key='value'"};
    }
}

} // namespace

ConfigIssues applyOverride(Config& config, std::string_view assignment) {
    const std::size_t equals = assignment.find('=');
    const std::string key = trimmed(assignment.substr(0, equals));
    if (equals == std::string_view::npos || key.empty())
        return {{"", "expected key=value, e.g. train.epochs=5 (got '" + std::string(assignment) +
                         "')"}};
    const Schema& schema = config.schema();
    const FieldSpec* first = schema.find(key);
    if (first == nullptr)
        return {{key, unknownFieldMessage(schema, key)}};
    // A field of another model family is still set, so `--set model.channels=8` may come
    // before `--set model.name=cnn`; validateConfig reports it if it stays out of scope.
    const FieldSpec* active = schema.findActive(key, config);
    ParsedValue parsed = parseValueText((active != nullptr ? active : first)->type,
                                        trimmed(assignment.substr(equals + 1)));
    if (!parsed.error.empty())
        return {{key, std::move(parsed.error)}};
    config.set(key, std::move(parsed.value));
    return {};
}

} // namespace tb::engine
