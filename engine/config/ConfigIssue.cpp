#include "engine/config/ConfigIssue.h"

namespace tb::engine {

std::string formatIssues(const ConfigIssues& issues) {
    std::string text;
    for (const ConfigIssue& issue : issues) {
        if (!issue.field.empty())
            text += issue.field + ": ";
        text += issue.message + '\n';
    }
    return text;
}

} // namespace tb::engine
