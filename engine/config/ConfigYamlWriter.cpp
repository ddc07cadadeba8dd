#include "engine/config/ConfigYaml.h"
#include "engine/config/Schema.h"
#include "engine/config/YamlScalar.h"
#include "engine/util/AtomicFile.h"

#include <system_error>

namespace tb::engine {
namespace {

// A section or a field of the nested document; children keep the order they first appear in.
struct YamlEntry {
    std::string name;
    const FieldSpec* field = nullptr;
    std::vector<YamlEntry> children;
};

YamlEntry& childNamed(YamlEntry& parent, const std::string& name) {
    for (YamlEntry& child : parent.children) {
        if (child.name == name)
            return child;
    }
    parent.children.push_back(YamlEntry{name, nullptr, {}});
    return parent.children.back();
}

YamlEntry documentTree(const std::vector<const FieldSpec*>& fields) {
    YamlEntry root;
    for (const FieldSpec* field : fields) {
        YamlEntry* entry = &root;
        std::size_t start = 0;
        for (std::size_t dot = field->key.find('.'); dot != std::string::npos;
             dot = field->key.find('.', start)) {
            entry = &childNamed(*entry, field->key.substr(start, dot - start));
            start = dot + 1;
        }
        childNamed(*entry, field->key.substr(start)).field = field;
    }
    return root;
}

void writeHelp(const std::string& help, const std::string& indent, std::string& out) {
    std::size_t start = 0;
    while (start < help.size()) {
        std::size_t end = help.find('\n', start);
        if (end == std::string::npos)
            end = help.size();
        out += indent + "# " + help.substr(start, end - start) + '\n';
        start = end + 1;
    }
}

void writeEntries(const YamlEntry& parent, const Config& config, const std::string& indent,
                  std::string& out) {
    for (const YamlEntry& entry : parent.children) {
        if (indent.empty() && &entry != &parent.children.front())
            out += '\n';
        if (entry.field == nullptr) {
            out += indent + entry.name + ":\n";
            writeEntries(entry, config, indent + "  ", out);
            continue;
        }
        writeHelp(entry.field->helpText, indent, out);
        out += indent + entry.name + ": " +
               yamlScalar(*entry.field, config.value(entry.field->key)) + '\n';
    }
}

} // namespace

std::string toYaml(const Config& config) {
    std::string out;
    writeEntries(documentTree(config.schema().activeFields(config)), config, "", out);
    return out;
}

bool saveConfigFile(const Config& config, const std::string& path, std::string& error) {
    try {
        writeFileAtomically(path, toYaml(config));
        return true;
    } catch (const std::system_error& e) {
        error = "cannot write config file '" + path + "': " + e.code().message() +
                "; check that its folder exists and is writable";
        return false;
    }
}

} // namespace tb::engine
