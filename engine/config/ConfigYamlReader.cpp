#include "engine/config/ConfigYaml.h"
#include "engine/config/FieldScope.h"
#include "engine/config/RunReference.h"
#include "engine/config/Schema.h"
#include "engine/config/ValueParsing.h"
#include "engine/config/YamlDocumentCount.h"
#include "engine/config/YamlQuotes.h"
#include "engine/util/BinaryContent.h"

#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <yaml-cpp/yaml.h>

namespace tb::engine {
namespace {

// One `dotted.key: value` of the document, before it is converted.
struct YamlField {
    std::string key;
    YAML::Node node;
};

std::string lineOf(const YAML::Node& node) {
    return "line " + std::to_string(node.Mark().line + 1);
}

void flatten(const YAML::Node& map, const std::string& prefix, const Schema& schema,
             std::vector<YamlField>& fields, ConfigIssues& issues) {
    for (const auto& entry : map) {
        if (!entry.first.IsScalar()) {
            issues.push_back({prefix, lineOf(entry.first) + ": a key must be a plain name"});
            continue;
        }
        const std::string key =
            prefix.empty() ? entry.first.Scalar() : prefix + '.' + entry.first.Scalar();
        if (isSection(schema, key) && (entry.second.IsMap() || entry.second.IsNull())) {
            if (entry.second.IsMap())
                flatten(entry.second, key, schema, fields, issues);
            continue;
        }
        fields.push_back({key, entry.second});
    }
}

bool isSelector(const YamlField& field) {
    return field.key == Schema::kModelKey || field.key == Schema::kDataKindKey;
}

// The selectors first: whether the other fields apply depends on them. Pointers, because
// assigning a YAML::Node (as a sort would) overwrites the node it refers to.
std::vector<const YamlField*> selectorsFirst(const std::vector<YamlField>& fields) {
    std::vector<const YamlField*> ordered;
    for (const YamlField& field : fields) {
        if (isSelector(field))
            ordered.push_back(&field);
    }
    for (const YamlField& field : fields) {
        if (!isSelector(field))
            ordered.push_back(&field);
    }
    return ordered;
}

void setField(const YamlField& field, Config& config, ConfigIssues& issues) {
    const Schema& schema = config.schema();
    if (schema.find(field.key) == nullptr) {
        issues.push_back({field.key, unknownFieldMessage(schema, field.key)});
        return;
    }
    const FieldSpec* spec = schema.findActive(field.key, config);
    if (spec == nullptr) {
        if (!scopeUndecided(config, field.key))
            issues.push_back({field.key, outOfScopeMessage(config, field.key)});
        return;
    }
    ParsedValue parsed = parseNode(spec->type, field.node);
    if (!parsed.error.empty())
        issues.push_back({field.key, std::move(parsed.error)});
    else
        config.set(field.key, std::move(parsed.value));
}

ConfigIssue syntaxError(const YAML::Mark& mark, const std::string& message) {
    return {"", "YAML syntax error at line " + std::to_string(mark.line + 1) + ", column " +
                    std::to_string(mark.column + 1) + ": " + message};
}

void readDocument(const std::string& text, const YAML::Node& document, Config& config,
                  ConfigIssues& issues) {
    if (document.IsNull())
        return;
    if (const std::optional<YAML::Mark> quote = unclosedQuote(text, document)) {
        issues.push_back(syntaxError(*quote, "this quote is never closed: its value would take "
                                             "in every line after it; close the quote"));
        return;
    }
    if (!document.IsMap()) {
        issues.push_back(
            {"", "expected sections of `key: value` lines at the top level, got " +
                     std::string(document.IsSequence() ? "a list" : "a single value")});
        return;
    }
    std::vector<YamlField> fields;
    flatten(document, "", config.schema(), fields, issues);
    std::set<std::string> seen;
    for (const YamlField* field : selectorsFirst(fields)) {
        if (!seen.insert(field->key).second)
            issues.push_back({field->key, "is set more than once; keep one"});
        else
            setField(*field, config, issues);
    }
}

// Returns false with errno telling why (a folder opens but fails to read: EISDIR).
bool readWholeFile(const std::string& path, std::string& text) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr)
        return false;
    std::array<char, 65536> buffer{};
    std::size_t count = 0;
    while ((count = std::fread(buffer.data(), 1, buffer.size(), file)) > 0)
        text.append(buffer.data(), count);
    const bool readOk = std::ferror(file) == 0;
    const int readErrno = errno;
    std::fclose(file);
    errno = readErrno;
    return readOk;
}

std::string unreadableAt(const std::string& text, const YAML::Mark& mark) {
    const auto at = static_cast<std::size_t>(mark.pos);
    const bool printable = at < text.size() && std::isgraph(static_cast<unsigned char>(text[at]));
    const std::string what = printable ? "'" + text.substr(at, 1) + "'" : "the text";
    return "cannot read " + what + " here; check this line's indentation and stray characters";
}

} // namespace

ConfigParseResult parseConfigYaml(std::string_view yamlText, const Schema& schema) {
    ConfigParseResult result{Config(schema), {}};
    const std::string text(yamlText);
    if (const std::string kind = binaryContentKind(text); !kind.empty()) {
        result.issues.push_back(
            {"", "this is " + kind + ", not YAML text; open a .yaml config, such as a preset"});
        return result;
    }
    try {
        const YamlDocumentCount count = countYamlDocuments(text);
        if (count.stuckAt)
            result.issues.push_back(
                syntaxError(*count.stuckAt, unreadableAt(text, *count.stuckAt)));
        else if (count.documents > 1)
            result.issues.push_back({"", "holds " + std::to_string(count.documents) +
                                             " YAML documents (separated by ---); keep one"});
        else if (count.documents == 1)
            readDocument(text, YAML::Load(text), result.config, result.issues);
    } catch (const YAML::ParserException& e) {
        result.issues.push_back(syntaxError(e.mark, e.msg));
    } catch (const std::exception& e) {
        result.issues.push_back({"", std::string("cannot read the YAML: ") + e.what()});
    }
    return result;
}

void resolveRelativePaths(Config& config, const std::string& baseFolder) {
    if (baseFolder.empty())
        return;
    std::error_code error;
    const auto folder = std::filesystem::absolute(baseFolder, error);
    const auto values = config.setValues();
    for (const auto& [key, value] : values) {
        const FieldSpec* spec = config.schema().findActive(key, config);
        const auto* text = std::get_if<std::string>(&value);
        if (spec == nullptr || spec->type != FieldType::Path || text == nullptr || text->empty() ||
            std::filesystem::path(*text).is_absolute() || looksLikeRunReference(*text))
            continue;
        config.set(key, (folder / *text).lexically_normal().string());
    }
}

ConfigParseResult loadConfigFile(const std::string& path, const Schema& schema) {
    std::string text;
    if (!readWholeFile(path, text))
        return {Config(schema),
                {{"", "cannot read config file '" + path + "': " + std::strerror(errno) +
                          "; check the path"}}};
    ConfigParseResult result = parseConfigYaml(text, schema);
    // Presets reach ../../../shared/data from their own folder this way.
    std::error_code error;
    resolveRelativePaths(result.config,
                         std::filesystem::absolute(path, error).parent_path().string());
    for (ConfigIssue& issue : result.issues) {
        if (issue.field.empty())
            issue.message = "config file '" + path + "': " + issue.message;
    }
    return result;
}

} // namespace tb::engine
