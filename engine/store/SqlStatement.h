// A prepared SQLite statement with typed bind and column helpers (internal to engine/store).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace tb::engine::sql {

/// Owns one prepared statement; throws sql::Error on failure. Parameters and columns are
/// numbered as SQLite numbers them: parameters from 1, columns from 0.
class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();

    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, std::int64_t{value}); }
    /// NaN is stored as NULL (SQLite has no NaN) and reads back as NaN through real().
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bindNull(int index);
    Statement& bindBlob(int index, const void* data, std::size_t bytes);

    /// Advances to the next row; false when there are no more.
    bool step();
    /// Runs a statement that returns no rows and makes it ready to run again.
    void execute();
    /// Ends the current run (and its read snapshot); bindings are kept.
    void reset();
    void clearBindings();

    std::int64_t int64(int column) const;
    /// NULL reads as NaN.
    double real(int column) const;
    std::string text(int column) const;
    /// A BLOB column's bytes, valid until the next step() or reset().
    std::string_view blob(int column) const;
    bool isNull(int column) const;

private:
    [[noreturn]] void fail() const;

    sqlite3* m_db;
    sqlite3_stmt* m_statement = nullptr;
};

/// A cached statement borrowed for one use. Resets it on scope exit: a statement left
/// mid-result keeps its read snapshot open, which hides other connections' writes and stops
/// WAL checkpoints.
class StatementRef {
public:
    explicit StatementRef(Statement& statement)
        : m_statement(&statement) {}
    ~StatementRef() { m_statement->reset(); }

    StatementRef(const StatementRef&) = delete;
    StatementRef& operator=(const StatementRef&) = delete;

    Statement* operator->() const { return m_statement; }
    Statement& operator*() const { return *m_statement; }

private:
    Statement* m_statement;
};

} // namespace tb::engine::sql
