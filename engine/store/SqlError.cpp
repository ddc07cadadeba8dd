#include "engine/store/SqlError.h"

#include <sqlite3.h>

namespace tb::engine::sql {

std::string fileName(sqlite3* db) {
    const char* name = sqlite3_db_filename(db, "main");
    return name && *name ? name : ":memory:";
}

void throwError(sqlite3* db, std::string_view context) {
    std::string message = fileName(db);
    message += ": ";
    message += context;
    message += ": ";
    message += sqlite3_errmsg(db);
    throw Error(message, sqlite3_extended_errcode(db));
}

} // namespace tb::engine::sql
