// Internal to engine/config: counting a YAML stream's documents without YAML::LoadAll.
#pragma once

#include <optional>
#include <string>
#include <yaml-cpp/mark.h>

namespace tb::engine {

/// What countYamlDocuments() found.
struct YamlDocumentCount {
    int documents = 0;
    /// Where the parser stopped moving on, for input it can neither read nor reject.
    std::optional<YAML::Mark> stuckAt;
};

/// Counts the documents of `text`. yaml-cpp 0.7 (Debian 12's) hands out the same empty
/// document again and again after some malformed input (an indented map followed by a less
/// indented `,`): YAML::LoadAll then fills the memory until the process dies. This stops at the
/// first document that starts where the one before it did. Throws YAML::ParserException for a
/// syntax error the parser does see.
YamlDocumentCount countYamlDocuments(const std::string& text);

} // namespace tb::engine
