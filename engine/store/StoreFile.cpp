#include "engine/store/StoreFile.h"

#include "engine/store/Migrations.h"
#include "engine/store/SqlError.h"

#include <filesystem>
#include <sqlite3.h>
#include <system_error>
#include <unistd.h>

namespace tb::engine {

namespace fs = std::filesystem;

namespace {

// Long enough to outlast another process's batch commit, short enough that a stuck lock is
// reported instead of freezing the UI.
constexpr int kBusyTimeoutMs = 5000;

bool pathExists(const fs::path& path) {
    std::error_code error;
    return fs::exists(fs::symlink_status(path, error));
}

/// Refuses paths that SQLite would report only as "unable to open database file".
void checkPath(const std::string& path, RunStore::Mode mode) {
    if (path.empty()) {
        throw StoreError("no database path given; choose a file such as runs.db");
    }
    std::error_code error;
    if (fs::is_directory(path, error)) {
        throw StoreError("cannot open " + path + ": it is a folder, not a database file; " +
                         "choose a file path such as " + (fs::path(path) / "runs.db").string());
    }
    if (pathExists(path)) {
        return;
    }
    if (mode == RunStore::Mode::ReadOnly) {
        throw StoreError("cannot open " + path +
                         ": the file does not exist; check the path or create it by "
                         "running a training with this database");
    }
    const fs::path folder = fs::absolute(path, error).parent_path();
    const std::string cannotCreate = "cannot create " + path + ": ";
    if (!pathExists(folder)) {
        throw StoreError(cannotCreate + "the folder " + folder.string() +
                         " does not exist; create it or choose another path");
    }
    if (!fs::is_directory(folder, error)) {
        throw StoreError(cannotCreate + folder.string() +
                         " is a file, not a folder; choose another path");
    }
    if (access(folder.c_str(), W_OK | X_OK) != 0) {
        throw StoreError(cannotCreate + "no permission to write in " + folder.string() +
                         "; choose a writable folder");
    }
}

/// Turns an open failure into what happened and what to do.
[[noreturn]] void throwOpenError(const std::string& path, RunStore::Mode mode,
                                 const sql::Error& error) {
    switch (error.code() & 0xff) {
    case SQLITE_NOTADB:
        throw StoreError("cannot open " + path +
                         ": it is not an SQLite database; choose a Trainbench database file "
                         "or move this file away");
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
        throw StoreError(std::string(error.what()) +
                         (mode == RunStore::Mode::ReadOnly
                              ? "; check that the file is readable"
                              : "; choose a writable folder or fix the file's permissions"));
    default:
        throw StoreError(error.what());
    }
}

/// Refuses other programs' SQLite files and schemas this build cannot use.
void checkIdentity(sql::Database& db, RunStore::Mode mode) {
    const std::int64_t applicationId = db.queryInt("PRAGMA application_id");
    const std::int64_t version = db.queryInt("PRAGMA user_version");
    const bool hasTables = db.queryInt("SELECT count(*) FROM sqlite_master") > 0;
    const bool ours = applicationId == kStoreApplicationId;
    if (applicationId != 0 && !ours) {
        throw StoreError(db.path() + " is an SQLite database of another program, not a "
                                     "Trainbench store; choose another file");
    }
    if (!ours && (hasTables || version != 0)) {
        throw StoreError(db.path() + " is an SQLite database without Trainbench's tables, "
                                     "not a Trainbench store; choose another file");
    }
    const std::size_t latest = schemaMigrations().size();
    if (version > static_cast<std::int64_t>(latest)) {
        throw StoreError(newerSchemaMessage(db.path(), version, latest));
    }
    if (mode == RunStore::Mode::ReadOnly && version < static_cast<std::int64_t>(latest)) {
        throw StoreError(version == 0
                             ? db.path() + " is an empty database, not a Trainbench store yet; " +
                                   "train a run into it or choose another file"
                             : db.path() + " has an older schema (" + std::to_string(version) +
                                   "); open it read-write once with this Trainbench to "
                                   "upgrade it");
    }
}

void configure(sql::Database& db, RunStore::Mode mode) {
    sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
    db.exec("PRAGMA foreign_keys = ON");
    if (mode == RunStore::Mode::ReadWrite) {
        // WAL lets the UI's read connection and a CLI in another process read while this
        // connection writes; NORMAL syncs at checkpoints only, which WAL makes crash-safe
        // (a power cut can lose the last commits, never the database).
        db.exec("PRAGMA journal_mode = WAL");
        db.exec("PRAGMA synchronous = NORMAL");
    }
}

void openChecked(sql::Database& db, RunStore::Mode mode) {
    checkIdentity(db, mode);
    if (mode == RunStore::Mode::ReadWrite && db.isReadOnly()) {
        throw StoreError("cannot open " + db.path() +
                         " for writing: the file is read-only; fix its permissions or open it "
                         "read-only");
    }
    configure(db, mode);
    if (mode == RunStore::Mode::ReadWrite) {
        migrate(db, schemaMigrations());
    }
}

void removeCreatedFiles(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::error_code ignored;
        fs::remove(path + suffix, ignored);
    }
}

} // namespace

sql::Database openStoreFile(const std::string& path, RunStore::Mode mode) {
    checkPath(path, mode);
    const bool creating = !pathExists(path);
    // URI: mergeFrom attaches other files as `file:...?mode=ro`.
    const int flags =
        SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI |
        (mode == RunStore::Mode::ReadOnly ? SQLITE_OPEN_READONLY
                                          : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    try {
        sql::Database db(path, flags);
        openChecked(db, mode);
        return db;
    } catch (const sql::Error& error) {
        // db is closed by now, so its files can go.
        if (creating) {
            removeCreatedFiles(path);
        }
        throwOpenError(path, mode, error);
    } catch (const StoreError&) {
        if (creating) {
            removeCreatedFiles(path);
        }
        throw;
    }
}

sql::Database openMemoryStore() {
    sql::Database db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI);
    db.exec("PRAGMA foreign_keys = ON");
    migrate(db, schemaMigrations());
    return db;
}

} // namespace tb::engine
