// RAII transaction on a sql::Database (internal to engine/store).
#pragma once

namespace tb::engine::sql {

class Database;

/// Begins on construction and rolls back on destruction unless commit() succeeded, so an
/// exception half-way through a batch leaves the file as it was.
class Transaction {
public:
    enum class Kind {
        /// BEGIN: one consistent snapshot for several reads.
        Read,
        /// BEGIN IMMEDIATE: takes the write lock up front, so a transaction that reads first
        /// cannot fail with SQLITE_BUSY when another process holds the lock; it waits
        /// (busy_timeout) instead.
        Write,
    };

    explicit Transaction(Database& db, Kind kind = Kind::Write);
    ~Transaction();

    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    Database& m_db;
    bool m_open = true;
};

} // namespace tb::engine::sql
