// A workspace whose cells hold what our code never writes (another program's edits, a file
// pieced together after a crash): NULLs, text in number columns, odd numbers, foreign blobs,
// rows gone. The input is a script of such edits to a real workspace with two finished runs;
// reading the result may give a StoreError, never a crash or another exception.
#include "FuzzInput.h"
#include "WorkspaceReading.h"

#include <cstring>
#include <filesystem>
#include <sqlite3.h>
#include <vector>

namespace {

struct Column {
    std::string table;
    std::string name;
};

/// The input, read a byte at a time; zeros once it is used up.
class Script {
public:
    Script(const std::uint8_t* data, std::size_t size)
        : m_data(data)
        , m_size(size) {}

    bool done() const { return m_at >= m_size; }
    std::uint8_t byte() { return done() ? 0 : m_data[m_at++]; }
    std::string bytes(std::size_t count) {
        std::string out;
        while (out.size() < count && !done())
            out += static_cast<char>(byte());
        return out;
    }

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_at = 0;
};

std::vector<Column> columnsOf(sqlite3* db) {
    std::vector<Column> columns;
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
                       "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY 1, p.cid",
                       -1, &statement, nullptr);
    while (sqlite3_step(statement) == SQLITE_ROW)
        columns.push_back({reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)),
                           reinterpret_cast<const char*>(sqlite3_column_text(statement, 1))});
    sqlite3_finalize(statement);
    return columns;
}

std::int64_t int64From(const std::string& bytes) {
    std::uint64_t value = 0;
    for (unsigned char byte : bytes)
        value = value << 8 | byte;
    return static_cast<std::int64_t>(value);
}

/// One edit of the script: a cell of some row set to a value of some kind, or the row deleted.
void applyEdit(sqlite3* db, const Column& column, Script& script) {
    const int row = script.byte() % 8;
    const int kind = script.byte() % 7;
    const std::string where = " WHERE rowid = (SELECT rowid FROM \"" + column.table +
                              "\" ORDER BY rowid LIMIT 1 OFFSET " + std::to_string(row) + ")";
    const std::string sql =
        kind == 6 ? "DELETE FROM \"" + column.table + "\"" + where
                  : "UPDATE \"" + column.table + "\" SET \"" + column.name + "\" = ?" + where;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
        return;
    switch (kind) {
    case 0:
        sqlite3_bind_null(statement, 1);
        break;
    case 1:
        sqlite3_bind_int64(statement, 1, int64From(script.bytes(8)));
        break;
    case 2:
        sqlite3_bind_int64(statement, 1, static_cast<std::int8_t>(script.byte()));
        break;
    case 3: {
        const std::int64_t bits = int64From(script.bytes(8));
        double value = 0;
        std::memcpy(&value, &bits, sizeof(value));
        sqlite3_bind_double(statement, 1, value);
        break;
    }
    case 4:
        sqlite3_bind_text(statement, 1, script.bytes(script.byte()).c_str(), -1, SQLITE_TRANSIENT);
        break;
    case 5: {
        const std::string blob = script.bytes(script.byte());
        sqlite3_bind_blob(statement, 1, blob.data(), static_cast<int>(blob.size()),
                          SQLITE_TRANSIENT);
        break;
    }
    default:
        break;
    }
    // A constraint may refuse the edit; the file is then read as it is.
    sqlite3_step(statement);
    sqlite3_finalize(statement);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const tb::fuzz::FuzzFile file(nullptr, 0, ".db");
    std::filesystem::copy_file(TB_FUZZ_BASE_STORE, file.path(),
                               std::filesystem::copy_options::overwrite_existing);
    sqlite3* db = nullptr;
    sqlite3_open(file.path().c_str(), &db);
    const std::vector<Column> columns = columnsOf(db);
    tb::fuzz::require(!columns.empty(), "the base workspace has tables");
    Script script(data, size);
    while (!script.done())
        applyEdit(db, columns[script.byte() % columns.size()], script);
    sqlite3_close(db);

    tb::fuzz::readWorkspaceAsTheAppDoes(file.path());
    return 0;
}
