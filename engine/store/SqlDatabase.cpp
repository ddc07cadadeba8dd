#include "engine/store/SqlDatabase.h"

#include "engine/store/SqlError.h"

#include <cstring>
#include <sqlite3.h>
#include <utility>

namespace tb::engine::sql {

Database::Database(const std::string& path, int flags)
    : m_path(path) {
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_extended_result_codes(m_db, 1);
        return;
    }
    std::string message = path + ": " + (m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc));
    const int osError = m_db ? sqlite3_system_errno(m_db) : 0;
    if (osError != 0) {
        message += std::string(" (") + std::strerror(osError) + ")";
    }
    const int code = m_db ? sqlite3_extended_errcode(m_db) : rc;
    close();
    throw Error(message, code);
}

Database::~Database() {
    close();
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_path(std::move(other.m_path))
    , m_statements(std::move(other.m_statements)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_statements = std::move(other.m_statements);
    }
    return *this;
}

void Database::close() noexcept {
    // Statements first: sqlite3_close refuses a connection with unfinalized statements.
    m_statements.clear();
    sqlite3_close(m_db);
    m_db = nullptr;
}

void Database::exec(const char* sql) {
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
        throwError(m_db, sql);
    }
}

std::int64_t Database::queryInt(const char* sql) {
    Statement statement(m_db, sql);
    return statement.step() ? statement.int64(0) : 0;
}

StatementRef Database::cached(std::string_view sql) {
    std::unique_ptr<Statement>& statement = m_statements[sql];
    if (!statement) {
        statement = std::make_unique<Statement>(m_db, sql);
    } else {
        statement->clearBindings();
    }
    return StatementRef(*statement);
}

std::int64_t Database::lastInsertId() const {
    return sqlite3_last_insert_rowid(m_db);
}

std::int64_t Database::changes() const {
    return sqlite3_changes(m_db);
}

bool Database::isReadOnly() const {
    return sqlite3_db_readonly(m_db, "main") == 1;
}

} // namespace tb::engine::sql
