// The store's error for a failed SQLite call (internal to engine/store).
#pragma once

#include "engine/store/RunStore.h"

#include <string>
#include <string_view>

struct sqlite3;

namespace tb::engine::sql {

/// A StoreError that keeps SQLite's result code, so callers can turn the codes they expect
/// (SQLITE_NOTADB, SQLITE_CANTOPEN, ...) into messages that say what to do.
class Error : public StoreError {
public:
    Error(const std::string& message, int code)
        : StoreError(message)
        , m_code(code) {}
    /// The extended SQLite result code.
    int code() const { return m_code; }

private:
    int m_code;
};

/// Throws Error "`<file>: <context>: <SQLite's message>`" for the last failure on `db`.
[[noreturn]] void throwError(sqlite3* db, std::string_view context);

/// The database file of `db` for messages; `:memory:` for an in-memory database.
std::string fileName(sqlite3* db);

} // namespace tb::engine::sql
