// Decoded image folders kept between runs, so that the next run on the same files reads them
// in a moment instead of decoding every file again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <torch/types.h>
#include <vector>

namespace tb::engine {

/// What the decoded bytes of some image files depend on: the files (path, size and time of
/// last change, so that an edited or replaced file is decoded afresh), the size and colour they
/// were decoded to, and whether they were scaled to it. Not how they are split: another seed
/// or validation share draws other splits from the same cached images.
struct ImageCacheKey {
    std::vector<std::vector<std::string>> files; ///< per split, in sample order
    int channels = 3;
    int side = 0;
    bool fit = true;
};

/// The cache folder: `$XDG_CACHE_HOME/trainbench/images` (`~/.cache/trainbench/images`); empty
/// when TRAINBENCH_IMAGE_CACHE is `off`.
std::string imageCacheFolder();

/// The pixels cached for `key` in `folder`, uint8 [N, channels, side, side] per split; nullopt
/// when there are none, a file changed since, or the cache file is damaged (it is ignored).
std::optional<std::vector<torch::Tensor>> readCachedImages(const std::string& folder,
                                                           const ImageCacheKey& key);

/// Keeps `pixels` for `key` in `folder` when the disk has room for them (it stays at least a
/// tenth free), then removes the least recently used entries beyond `budgetBytes`. Returns
/// whether they were kept; never throws (a cache that cannot be written only costs time).
bool cacheImages(const std::string& folder, const ImageCacheKey& key,
                 const std::vector<torch::Tensor>& pixels, std::uint64_t budgetBytes);

/// The cache's size limit: 8 GiB.
inline constexpr std::uint64_t kImageCacheBudget = 8ULL << 30;

} // namespace tb::engine
