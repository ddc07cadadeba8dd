#include "engine/config/YamlDocumentCount.h"

#include <sstream>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

namespace tb::engine {
namespace {

/// Remembers where a document starts and ignores its content.
class DocumentStart : public YAML::EventHandler {
public:
    std::optional<YAML::Mark> mark;

    void OnDocumentStart(const YAML::Mark& start) override { mark = start; }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

} // namespace

YamlDocumentCount countYamlDocuments(const std::string& text) {
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    YamlDocumentCount count;
    int previousStart = -1;
    for (;;) {
        DocumentStart document;
        if (!parser.HandleNextDocument(document))
            break;
        const YAML::Mark start = document.mark.value_or(YAML::Mark());
        if (count.documents > 0 && start.pos == previousStart) {
            count.stuckAt = start;
            break;
        }
        previousStart = start.pos;
        ++count.documents;
    }
    return count;
}

} // namespace tb::engine
