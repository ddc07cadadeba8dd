#include "engine/store/SqlTransaction.h"

#include "engine/store/SqlDatabase.h"

#include <sqlite3.h>

namespace tb::engine::sql {

Transaction::Transaction(Database& db, Kind kind)
    : m_db(db) {
    m_db.exec(kind == Kind::Write ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    // Some errors (disk full, I/O) already rolled back; a second ROLLBACK would only fail.
    if (m_open && sqlite3_get_autocommit(m_db.handle()) == 0) {
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    m_db.exec("COMMIT");
    m_open = false;
}

} // namespace tb::engine::sql
