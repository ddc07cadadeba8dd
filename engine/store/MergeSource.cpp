#include "engine/store/MergeSource.h"

#include "engine/store/RunStore.h"
#include "engine/store/StoreFile.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdlib.h>
#include <unistd.h>

namespace tb::engine {

namespace fs = std::filesystem;

namespace {

/// A new empty file in the temp folder (TMPDIR) for the copy.
std::string newTemporaryFile() {
    std::error_code error;
    std::string name = (fs::temp_directory_path(error) / "trainbench-merge-XXXXXX").string();
    const int fd = ::mkstemp(name.data());
    if (fd < 0)
        throw StoreError("cannot create a temporary file like " + name + ": " +
                         std::strerror(errno) + "; point TMPDIR at a writable folder");
    ::close(fd);
    return name;
}

void removeWithJournals(const std::string& path) {
    std::error_code error;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(path + suffix, error);
}

} // namespace

MergeSource::MergeSource(const std::string& path)
    : m_readPath(path) {
    const std::optional<int> schema = markedStoreSchema(path);
    if (schema && *schema < RunStore::latestSchemaVersion()) {
        m_copyPath = newTemporaryFile();
        try {
            copyStoreFile(path, m_copyPath);
            RunStore::open(m_copyPath, RunStore::Mode::ReadWrite); // upgrades the copy
        } catch (const StoreError&) {
            removeWithJournals(m_copyPath);
            throw;
        }
        m_readPath = m_copyPath;
    }
    // The checks of opening it: exists, is SQLite, is a store, not of a newer Trainbench.
    RunStore::open(m_readPath, RunStore::Mode::ReadOnly);
}

MergeSource::~MergeSource() {
    if (!m_copyPath.empty())
        removeWithJournals(m_copyPath);
}

} // namespace tb::engine
