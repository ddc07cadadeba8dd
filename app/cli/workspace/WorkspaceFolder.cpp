#include "WorkspaceFolder.h"

#include "engine/util/Environment.h"

#include <filesystem>

namespace tb::cli {

void createDefaultWorkspaceFolder(const std::string& database) {
    if (database != tb::engine::defaultWorkspacePath())
        return;
    std::error_code ignored; // the store names the folder if this fails
    std::filesystem::create_directories(std::filesystem::path(database).parent_path(), ignored);
}

} // namespace tb::cli
