// One problem found in a config.
#pragma once

#include <string>
#include <vector>

namespace tb::engine {

/// A problem with one field, phrased for the user: what is wrong and what to do.
/// Example: `{"train.batch_size", "must be at least 1 (got 0)"}`.
struct ConfigIssue {
    /// Dotted field path; empty for a problem with the file as a whole.
    std::string field;
    std::string message;
};

using ConfigIssues = std::vector<ConfigIssue>;

/// `field: message` lines, one per issue, for terminals and logs.
std::string formatIssues(const ConfigIssues& issues);

} // namespace tb::engine
