// The numbered schema migrations of the run store (internal to engine/store).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tb::engine {

namespace sql {
class Database;
}

/// `PRAGMA application_id` of a Trainbench store ("TBNC"): tells our files from other
/// programs' SQLite files.
constexpr int kStoreApplicationId = 0x54424e43;

/// The schema as a list of steps: step i upgrades `user_version` i to i + 1. Steps are only
/// ever appended; a released step never changes.
const std::vector<const char*>& schemaMigrations();

/// Applies the steps the database has not seen, each in its own transaction together with
/// its `user_version`, so a failing step rolls back to the previous version. Throws
/// StoreError for a database newer than `steps` or a failed step.
void migrate(sql::Database& db, const std::vector<const char*>& steps);

/// "`<path>` was written by a newer Trainbench (schema 7, this build reads up to 1); ..."
std::string newerSchemaMessage(const std::string& path, std::int64_t version,
                               std::size_t latestVersion);

} // namespace tb::engine
