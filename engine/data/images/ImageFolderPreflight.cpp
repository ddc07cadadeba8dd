#include "engine/data/images/ImageFolderPreflight.h"

#include "engine/config/Config.h"
#include "engine/data/DataError.h"
#include "engine/data/images/ImageFolderLayout.h"

namespace tb::engine {

void checkImageFolder(const Config& config, ConfigIssues& out) {
    if (config.getString("data.kind") != "folder")
        return;
    try {
        scanImageFolder(ImageFolderOptions::fromConfig(config));
    } catch (const DataError& e) {
        out.push_back({"data.root", e.what()});
    }
}

} // namespace tb::engine
