#include "engine/store/RunDeletion.h"

#include "engine/store/RunFolder.h"
#include "engine/store/RunStore.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace tb::engine {

namespace fs = std::filesystem;

namespace {

/// Every run exists and none is training; throws otherwise, before anything is deleted.
void checkDeletable(const RunStore& store, const std::vector<std::int64_t>& runIds) {
    for (const std::int64_t id : runIds) {
        const std::optional<RunRecord> run = store.run(id);
        if (!run)
            throw StoreError("there is no run " + std::to_string(id) + " in " + store.path() +
                             "; refresh the runs list");
        if (run->status == RunStatus::Running || run->status == RunStatus::Paused)
            throw StoreError("run " + std::to_string(id) + " is still training; stop it first");
    }
}

/// Whether `path` lies in `folder` (both made absolute, `..` resolved).
bool isInside(const fs::path& path, const fs::path& folder) {
    std::error_code error;
    const fs::path file = fs::weakly_canonical(fs::absolute(path, error), error);
    const fs::path root = fs::weakly_canonical(fs::absolute(folder, error), error);
    const auto [rootEnd, fileAt] =
        std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    return !error && rootEnd == root.end() && fileAt != file.end();
}

/// Removes `path`, then its folder when that is left empty.
void removeFile(const std::string& path, DeletionReport& report) {
    std::error_code error;
    if (fs::remove(path, error)) {
        ++report.files;
    } else if (error) {
        report.problems.push_back("cannot remove " + path + ": " + error.message());
        return;
    }
    const fs::path folder = fs::path(path).parent_path();
    if (!folder.empty() && fs::is_empty(folder, error))
        fs::remove(folder, error); // a folder others still fill stays
}

/// `path` as compared with other paths: absolute, `..` and links resolved.
std::string comparable(const fs::path& path) {
    std::error_code error;
    const fs::path resolved = fs::weakly_canonical(fs::absolute(path, error), error);
    return error ? path.string() : resolved.string();
}

/// A deleted run's own folder (`<workspace>.artifacts/run-N/`, which only run N writes into):
/// the files it holds that no run left names, such as the test arrays of a forecasting run of
/// an earlier Trainbench that did not list them, go with it.
void removeRunFolder(const fs::path& folder, const std::set<std::string>& stillUsed,
                     DeletionReport& report) {
    std::error_code error;
    if (!fs::is_directory(folder, error))
        return;
    std::vector<std::string> leftOver;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error))
        if (it->is_regular_file() && stillUsed.count(comparable(it->path())) == 0)
            leftOver.push_back(it->path().string());
    for (const std::string& path : leftOver)
        removeFile(path, report);
}

} // namespace

DeletionReport deleteRuns(RunStore& store, const std::vector<std::int64_t>& runIds) {
    checkDeletable(store, runIds);
    std::set<std::string> files;
    for (const std::int64_t id : runIds)
        for (const ArtifactRecord& artifact : store.artifacts(id))
            files.insert(artifact.path);
    DeletionReport report;
    for (const std::int64_t id : runIds) {
        store.deleteRun(id);
        ++report.runs;
    }
    const fs::path ownFolder = store.path() + ".artifacts";
    const std::set<std::string> stillUsed = store.artifactFiles();
    for (const std::string& path : files) {
        if (stillUsed.count(path) != 0)
            continue;
        if (isInside(path, ownFolder))
            removeFile(path, report);
        else
            ++report.filesElsewhere;
    }
    std::set<std::string> stillUsedResolved;
    for (const std::string& path : stillUsed)
        stillUsedResolved.insert(comparable(path));
    for (const std::int64_t id : runIds)
        removeRunFolder(runFolder(store.path(), id), stillUsedResolved, report);
    return report;
}

} // namespace tb::engine
