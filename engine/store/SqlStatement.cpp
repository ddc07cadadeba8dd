#include "engine/store/SqlStatement.h"

#include "engine/store/SqlError.h"

#include <cmath>
#include <limits>
#include <sqlite3.h>

namespace tb::engine::sql {

namespace {

/// The start of a statement, enough to recognise it in an error message.
std::string excerpt(std::string_view sql) {
    constexpr std::size_t kMaxChars = 60;
    if (sql.size() <= kMaxChars) {
        return std::string(sql);
    }
    return std::string(sql.substr(0, kMaxChars)) + "...";
}

} // namespace

Statement::Statement(sqlite3* db, std::string_view sql)
    : m_db(db) {
    // Persistent: these statements live as long as the connection.
    const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr);
    if (rc != SQLITE_OK) {
        throwError(db, "cannot prepare `" + excerpt(sql) + "`");
    }
}

Statement::~Statement() {
    sqlite3_finalize(m_statement);
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(m_statement, index, value) != SQLITE_OK) {
        fail();
    }
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (std::isnan(value)) {
        return bindNull(index);
    }
    if (sqlite3_bind_double(m_statement, index, value) != SQLITE_OK) {
        fail();
    }
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text(m_statement, index, text.data(), static_cast<int>(text.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK) {
        fail();
    }
    return *this;
}

Statement& Statement::bindNull(int index) {
    if (sqlite3_bind_null(m_statement, index) != SQLITE_OK) {
        fail();
    }
    return *this;
}

Statement& Statement::bindBlob(int index, const void* data, std::size_t bytes) {
    if (sqlite3_bind_blob64(m_statement, index, data, bytes, SQLITE_TRANSIENT) != SQLITE_OK) {
        fail();
    }
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    fail();
}

void Statement::execute() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(m_statement);
}

void Statement::clearBindings() {
    sqlite3_clear_bindings(m_statement);
}

std::int64_t Statement::int64(int column) const {
    return sqlite3_column_int64(m_statement, column);
}

double Statement::real(int column) const {
    if (sqlite3_column_type(m_statement, column) == SQLITE_NULL) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return sqlite3_column_double(m_statement, column);
}

std::string Statement::text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    const int size = sqlite3_column_bytes(m_statement, column);
    return data ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string_view Statement::blob(int column) const {
    const void* data = sqlite3_column_blob(m_statement, column);
    const int size = sqlite3_column_bytes(m_statement, column);
    return data ? std::string_view(static_cast<const char*>(data), static_cast<std::size_t>(size))
                : std::string_view();
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

void Statement::fail() const {
    // Reset first so the failed run does not hold its snapshot or locks; the error message
    // survives the reset.
    sqlite3_reset(m_statement);
    throwError(m_db, "`" + excerpt(sqlite3_sql(m_statement)) + "`");
}

} // namespace tb::engine::sql
