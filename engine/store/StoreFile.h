// Opening a store file: checks, connection settings, migration (internal to engine/store).
#pragma once

#include "engine/store/RunStore.h"
#include "engine/store/SqlDatabase.h"

#include <optional>
#include <string>

namespace tb::engine {

/// Opens `path` as a Trainbench store at the current schema, migrating it in ReadWrite mode.
/// Throws StoreError with a message that names the path and the fix; a file this call
/// created is removed again (with its -wal/-shm) when it fails.
sql::Database openStoreFile(const std::string& path, RunStore::Mode mode);

/// The schema version of `path` when it is an SQLite database marked as a Trainbench store
/// (of any schema); nullopt for a missing, empty, unreadable or other program's file. Never
/// throws.
std::optional<int> markedStoreSchema(const std::string& path);

/// Copies the store at `from` (opened read-only: the file is never written) into `to`, a
/// missing or empty file, as one consistent snapshot. Throws StoreError naming both files.
void copyStoreFile(const std::string& from, const std::string& to);

/// A private in-memory store at the current schema.
sql::Database openMemoryStore();

} // namespace tb::engine
