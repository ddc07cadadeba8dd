#include "engine/store/RunFolder.h"

namespace tb::engine {

namespace fs = std::filesystem;

fs::path runFolder(const std::string& databasePath, std::int64_t runId) {
    return fs::path(databasePath + ".artifacts") / ("run-" + std::to_string(runId));
}

std::string setAsideEarlierFiles(const fs::path& folder) {
    std::error_code error;
    const fs::file_status status = fs::symlink_status(folder, error);
    if (!fs::exists(status) || (fs::is_directory(status) && fs::is_empty(folder, error)))
        return {};
    fs::path aside = folder;
    aside += ".earlier";
    for (int n = 2; fs::exists(aside, error); ++n) {
        aside = folder;
        aside += ".earlier-" + std::to_string(n);
    }
    fs::rename(folder, aside);
    return aside.string();
}

} // namespace tb::engine
