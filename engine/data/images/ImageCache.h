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

/// The cache's size limit: 8 GiB.
inline constexpr std::uint64_t kImageCacheBudget = 8ULL << 30;

/// The cache folder: `$XDG_CACHE_HOME/trainbench/images` (`~/.cache/trainbench/images`); empty
/// when TRAINBENCH_IMAGE_CACHE is `off`.
std::string imageCacheFolder();

/// Where the images of one key are kept in a cache folder, whether they are there yet or not.
/// Finding it looks at every file once (size and change time).
///
/// Example:
/// ```
/// const auto entry = ImageCacheEntry::find(imageCacheFolder(), key);
/// auto pixels = entry ? entry->read() : std::nullopt;
/// if (!pixels) { pixels = decode(...); if (entry) entry->write(*pixels, kImageCacheBudget); }
/// ```
class ImageCacheEntry {
public:
    /// Nullopt when `folder` is empty (the cache is off) or a file cannot be looked at (its
    /// decoding says why). `key` must outlive the entry.
    static std::optional<ImageCacheEntry> find(const std::string& folder, const ImageCacheKey& key);

    /// The cached pixels, uint8 [N, channels, side, side] per split; nullopt when there are
    /// none or the entry is damaged (it is then ignored, and the next write replaces it).
    std::optional<std::vector<torch::Tensor>> read() const;

    /// Keeps `pixels` (as read() gives them) when the disk has room for them (it stays at
    /// least a tenth free), then removes the least recently used entries beyond
    /// `budgetBytes`. Returns whether they were kept; never throws (a cache that cannot be
    /// written only costs time).
    bool write(const std::vector<torch::Tensor>& pixels, std::uint64_t budgetBytes) const;

private:
    /// Sample `row` of split `split`: the samples in the order of their paths.
    struct Sample {
        std::size_t split;
        std::int64_t row;
    };

    ImageCacheEntry() = default;
    std::string header() const;
    std::uint64_t sampleBytes() const;

    const ImageCacheKey* m_key = nullptr;
    std::string m_folder;
    std::string m_path;
    std::uint64_t m_digest[2] = {0, 0};
    std::vector<Sample> m_samples;
};

} // namespace tb::engine
