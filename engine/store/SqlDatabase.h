// One SQLite connection and its prepared-statement cache (internal to engine/store).
#pragma once

#include "engine/store/SqlStatement.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;

namespace tb::engine::sql {

/// Owns a connection; closes it on destruction. Like every SQLite connection it belongs to
/// one thread at a time.
class Database {
public:
    /// sqlite3_open_v2 with `flags`; throws sql::Error (with the OS error when there is one).
    Database(const std::string& path, int flags);
    ~Database();

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    sqlite3* handle() const { return m_db; }
    const std::string& path() const { return m_path; }

    /// Runs statements that return nothing we need (schema, PRAGMA, BEGIN).
    void exec(const char* sql);
    /// The first column of the first row of `sql`, e.g. `PRAGMA user_version`; 0 for no row.
    std::int64_t queryInt(const char* sql);
    /// A statement prepared once per connection, reset with no bindings. `sql` must have
    /// static storage (a literal): the cache keys on its text without copying it.
    StatementRef cached(std::string_view sql);

    std::int64_t lastInsertId() const;
    /// Rows changed by the last INSERT, UPDATE or DELETE.
    std::int64_t changes() const;
    bool isReadOnly() const;

private:
    void close() noexcept;

    sqlite3* m_db = nullptr;
    std::string m_path;
    std::unordered_map<std::string_view, std::unique_ptr<Statement>> m_statements;
};

} // namespace tb::engine::sql
