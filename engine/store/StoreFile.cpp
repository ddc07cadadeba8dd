#include "engine/store/StoreFile.h"

#include "engine/store/Migrations.h"
#include "engine/store/SqlError.h"
#include "engine/store/SqlTransaction.h"

#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <optional>
#include <sqlite3.h>
#include <system_error>
#include <thread>
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
    case SQLITE_CORRUPT:
        throw StoreError("cannot open " + path + ": the file is damaged (" + error.what() +
                         "), cut short by a copy or a full disk; restore it from a copy, or "
                         "save what it holds with `sqlite3 " +
                         path + " .recover`");
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
    // One snapshot: another program may commit the first schema between two of these reads.
    sql::Transaction snapshot(db, sql::Transaction::Kind::Read);
    const std::int64_t applicationId = db.queryInt("PRAGMA application_id");
    const std::int64_t version = db.queryInt("PRAGMA user_version");
    const bool hasTables = db.queryInt("SELECT count(*) FROM sqlite_master") > 0;
    snapshot.commit();
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

/// Switches the file to WAL, which it keeps. The switch needs the file to itself and SQLite
/// does not wait for that (no busy handler), so while another program opening a new store
/// together with this one holds it, this one retries.
void useWriteAheadLog(sql::Database& db) {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
    for (;;) {
        try {
            db.exec("PRAGMA journal_mode = WAL");
            return;
        } catch (const sql::Error& error) {
            if ((error.code() & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline)
                throw;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

void configure(sql::Database& db, RunStore::Mode mode) {
    db.exec("PRAGMA foreign_keys = ON");
    if (mode == RunStore::Mode::ReadWrite) {
        // WAL lets the UI's read connection and a CLI in another process read while this
        // connection writes; NORMAL syncs at checkpoints only, which WAL makes crash-safe
        // (a power cut can lose the last commits, never the database).
        useWriteAheadLog(db);
        db.exec("PRAGMA synchronous = NORMAL");
    }
}

void openChecked(sql::Database& db, RunStore::Mode mode) {
    // Before the first read: another program may be creating or migrating the file, and a
    // statement without a busy handler fails at once with "database is locked".
    sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
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

/// Creates `path` as an empty file (SQLite's empty database) unless it exists; true when this
/// call made it. Of several programs opening a new path together exactly one gets true.
bool createExclusively(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
}

/// Removes a file this program created for a store that failed to open, as long as nothing
/// was written to it: another program may have opened it meanwhile, and its data must stay.
void removeCreatedFile(const std::string& path) {
    std::error_code error;
    if (fs::file_size(path, error) != 0 || error)
        return;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(path + suffix, error);
}

/// `path` as an SQLite URI that opens it immutable: read without the write-ahead log's files.
std::string immutableUri(const std::string& path) {
    std::error_code error;
    std::string uri = "file:";
    for (const char c : fs::absolute(path, error).string()) {
        if (c == '%' || c == '?' || c == '#') {
            char escaped[4];
            std::snprintf(escaped, sizeof(escaped), "%%%02X", static_cast<unsigned char>(c));
            uri += escaped;
        } else {
            uri += c;
        }
    }
    return uri + "?immutable=1";
}

/// A workspace in a folder this user may not write cannot get the files its write-ahead log
/// reads through. With no log file there, nothing writes it: it is read as it is.
std::optional<sql::Database> openWithoutLog(const std::string& path, const sql::Error& error) {
    const int code = error.code() & 0xff;
    if ((code != SQLITE_READONLY && code != SQLITE_CANTOPEN) || pathExists(path + "-wal"))
        return std::nullopt;
    try {
        sql::Database db(immutableUri(path),
                         SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI);
        openChecked(db, RunStore::Mode::ReadOnly);
        return db;
    } catch (const sql::Error&) {
        return std::nullopt;
    }
}

} // namespace

sql::Database openStoreFile(const std::string& path, RunStore::Mode mode) {
    checkPath(path, mode);
    const bool created = mode == RunStore::Mode::ReadWrite && createExclusively(path);
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
        if (created) {
            removeCreatedFile(path);
        }
        if (mode == RunStore::Mode::ReadOnly) {
            if (std::optional<sql::Database> db = openWithoutLog(path, error))
                return std::move(*db);
        }
        throwOpenError(path, mode, error);
    } catch (const StoreError&) {
        if (created) {
            removeCreatedFile(path);
        }
        throw;
    }
}

std::optional<int> markedStoreSchema(const std::string& path) {
    try {
        sql::Database db(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
        sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
        if (db.queryInt("PRAGMA application_id") != kStoreApplicationId)
            return std::nullopt;
        return static_cast<int>(db.queryInt("PRAGMA user_version"));
    } catch (const StoreError&) {
        return std::nullopt;
    }
}

void copyStoreFile(const std::string& from, const std::string& to) {
    try {
        sql::Database source(from, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
        sqlite3_busy_timeout(source.handle(), kBusyTimeoutMs);
        // VACUUM INTO reads through one read transaction: a program writing the file meanwhile
        // does not tear the copy.
        sql::Statement vacuum(source.handle(), "VACUUM INTO ?1");
        vacuum.bind(1, to).execute();
    } catch (const sql::Error& error) {
        throw StoreError("cannot copy " + from + " to " + to + ": " + error.what() +
                         ((error.code() & 0xff) == SQLITE_FULL
                              ? "; free some space there or point TMPDIR at a larger disk"
                              : ""));
    }
}

sql::Database openMemoryStore() {
    sql::Database db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI);
    db.exec("PRAGMA foreign_keys = ON");
    migrate(db, schemaMigrations());
    return db;
}

} // namespace tb::engine
