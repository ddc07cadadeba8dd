// The file a merge reads its runs from (internal to engine/store).
#pragma once

#include <string>

namespace tb::engine {

/// Another workspace to merge, checked (it exists, is a Trainbench store, not of a newer
/// Trainbench) and at this build's schema: the file itself, or for a file of an older
/// Trainbench, an upgraded copy in the temp folder that lives as long as this object. The file
/// itself is never written, so the older Trainbench that wrote it (on a server not yet
/// upgraded) goes on using it. Throws StoreError naming the problem.
class MergeSource {
public:
    explicit MergeSource(const std::string& path);
    ~MergeSource();

    MergeSource(const MergeSource&) = delete;
    MergeSource& operator=(const MergeSource&) = delete;

    /// The file to read: the other workspace or its upgraded copy.
    const std::string& path() const { return m_readPath; }

private:
    std::string m_readPath;
    std::string m_copyPath; ///< empty: no copy was made
};

} // namespace tb::engine
