// A config value that names a run of the workspace instead of a file (model.init_from).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tb::engine {

/// `run:12`, `run:12/best`, `run:12/last`: one of run 12's checkpoints.
struct RunReference {
    std::int64_t runId = 0;
    std::string kind; ///< best, last, or empty: the best epoch's, else the last
};

/// Whether `text` is meant as a run reference (starts with `run:`), well formed or not: such
/// a value is never a file's path.
bool looksLikeRunReference(const std::string& text);

/// The run `text` refers to; nullopt when it is not a well-formed run reference.
std::optional<RunReference> parseRunReference(const std::string& text);

} // namespace tb::engine
