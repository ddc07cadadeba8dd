#include "engine/store/FlatConfig.h"

#include <yaml-cpp/yaml.h>

namespace tb::engine {
namespace {

std::string flowText(const YAML::Node& node) {
    YAML::Emitter out;
    out.SetSeqFormat(YAML::Flow);
    out.SetMapFormat(YAML::Flow);
    out << node;
    return out.c_str();
}

void flatten(const YAML::Node& node, const std::string& prefix, FlatConfig& out) {
    if (node.IsMap()) {
        for (const auto& entry : node) {
            const std::string name = entry.first.Scalar();
            flatten(entry.second, prefix.empty() ? name : prefix + '.' + name, out);
        }
        return;
    }
    out.emplace_back(prefix, node.IsScalar() ? node.Scalar() : flowText(node));
}

} // namespace

FlatConfig flatConfig(const YAML::Node& root) {
    FlatConfig flat;
    if (root.IsMap())
        flatten(root, {}, flat);
    return flat;
}

FlatConfig flatConfig(const RunRecord& run, std::vector<std::string>& notes) {
    FlatConfig flat;
    try {
        const YAML::Node root = YAML::Load(run.configYaml);
        if (root.IsMap())
            flat = flatConfig(root);
        else
            notes.push_back("run " + std::to_string(run.id) + ": its stored config is empty");
    } catch (const YAML::Exception& e) {
        notes.push_back("run " + std::to_string(run.id) + ": its stored config cannot be read (" +
                        e.what() + ")");
    }
    return flat;
}

const std::string* fieldValue(const FlatConfig& config, const std::string& key) {
    for (const auto& [field, text] : config)
        if (field == key)
            return &text;
    return nullptr;
}

} // namespace tb::engine
