#include "engine/store/ArtifactPaths.h"

#include <algorithm>
#include <filesystem>

namespace tb::engine {

namespace fs = std::filesystem;

namespace {

bool inMemory(const std::string& databasePath) {
    return databasePath.empty() || databasePath == ":memory:";
}

fs::path absoluteNormal(const fs::path& path) {
    std::error_code error;
    const fs::path absolute = fs::absolute(path, error);
    return (error ? path : absolute).lexically_normal();
}

fs::path folderOf(const std::string& databasePath) {
    return absoluteNormal(databasePath).parent_path();
}

} // namespace

std::string storedArtifactPath(const std::string& path, const std::string& databasePath) {
    if (inMemory(databasePath) || path.empty())
        return path;
    const fs::path file = absoluteNormal(path);
    const fs::path folder = folderOf(databasePath);
    const auto [folderEnd, fileAt] =
        std::mismatch(folder.begin(), folder.end(), file.begin(), file.end());
    if (folderEnd != folder.end() || fileAt == file.end())
        return file.generic_string();
    return file.lexically_relative(folder).generic_string();
}

std::string resolvedArtifactPath(const std::string& stored, const std::string& databasePath) {
    const fs::path path(stored);
    if (inMemory(databasePath) || stored.empty() || path.is_absolute())
        return stored;
    const fs::path ownFolder = fs::path(databasePath).filename().string() + ".artifacts";
    const auto from = std::find(path.begin(), path.end(), ownFolder);
    fs::path tail;
    for (auto part = from == path.end() ? path.begin() : from; part != path.end(); ++part)
        tail /= *part;
    return (folderOf(databasePath) / tail).lexically_normal().generic_string();
}

} // namespace tb::engine
