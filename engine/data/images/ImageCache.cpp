#include "engine/data/images/ImageCache.h"

#include "engine/util/AtomicFile.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>

namespace tb::engine {
namespace {

namespace fs = std::filesystem;

constexpr std::array<char, 8> kMagic{'T', 'B', 'I', 'M', 'G', 'C', '0', '1'};

/// A cache file: this header, then every image's bytes in the order of their paths.
struct CacheHeader {
    std::array<char, 8> magic = kMagic;
    std::uint64_t digest[2] = {0, 0};
    std::uint64_t images = 0;
    std::uint32_t channels = 0;
    std::uint32_t side = 0;
    std::uint32_t fit = 0;
    std::uint32_t reserved = 0;
};

/// Where an image's bytes live: sample `row` of split `split`.
struct Sample {
    const std::string* path;
    std::size_t split;
    std::int64_t row;
};

/// Every sample of the key, in the order of their paths: the cache's order, the same however
/// the files are split.
std::vector<Sample> samplesByPath(const ImageCacheKey& key) {
    std::vector<Sample> samples;
    for (std::size_t split = 0; split < key.files.size(); ++split)
        for (std::size_t row = 0; row < key.files[split].size(); ++row)
            samples.push_back({&key.files[split][row], split, static_cast<std::int64_t>(row)});
    std::sort(samples.begin(), samples.end(),
              [](const Sample& x, const Sample& y) { return *x.path < *y.path; });
    return samples;
}

/// Two FNV-1a hashes from different starting points: 128 bits, so that two different sets of
/// files never meet by chance.
struct Digest {
    std::uint64_t a = 0xcbf29ce484222325ULL;
    std::uint64_t b = 0x84222325cbf29ce4ULL;

    void add(const void* data, std::size_t size) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) {
            a = (a ^ bytes[i]) * 0x100000001b3ULL;
            b = (b ^ bytes[i]) * 0x100000001b3ULL;
        }
    }
    void add(const std::string& text) { add(text.data(), text.size() + 1); }
    void add(std::int64_t value) { add(&value, sizeof value); }
};

/// The digest of the key, the files' sizes and change times included; nullopt when a file
/// cannot be looked at (decoding reports it).
std::optional<Digest> digestOf(const ImageCacheKey& key, const std::vector<Sample>& samples) {
    Digest digest;
    digest.add(std::string(kMagic.data(), kMagic.size()));
    digest.add(std::int64_t{key.channels});
    digest.add(std::int64_t{key.side});
    digest.add(std::int64_t{key.fit});
    for (const Sample& sample : samples) {
        struct stat info {};
        if (::stat(sample.path->c_str(), &info) != 0)
            return std::nullopt;
        digest.add(*sample.path);
        digest.add(static_cast<std::int64_t>(info.st_size));
        digest.add(static_cast<std::int64_t>(info.st_mtim.tv_sec));
        digest.add(static_cast<std::int64_t>(info.st_mtim.tv_nsec));
    }
    return digest;
}

CacheHeader headerFor(const ImageCacheKey& key, const Digest& digest, std::size_t images) {
    CacheHeader header;
    header.digest[0] = digest.a;
    header.digest[1] = digest.b;
    header.images = images;
    header.channels = static_cast<std::uint32_t>(key.channels);
    header.side = static_cast<std::uint32_t>(key.side);
    header.fit = key.fit ? 1 : 0;
    return header;
}

std::string entryPath(const std::string& folder, const Digest& digest) {
    char name[48];
    std::snprintf(name, sizeof name, "%016llx%016llx.bin",
                  static_cast<unsigned long long>(digest.a),
                  static_cast<unsigned long long>(digest.b));
    return (fs::path(folder) / name).string();
}

std::uint64_t sampleBytes(const ImageCacheKey& key) {
    return static_cast<std::uint64_t>(key.channels) * static_cast<std::uint64_t>(key.side) *
           static_cast<std::uint64_t>(key.side);
}

/// Removes the least recently used entries until the rest fit in `budgetBytes`; `keep` stays.
void prune(const std::string& folder, const std::string& keep, std::uint64_t budgetBytes) {
    struct Entry {
        fs::path path;
        fs::file_time_type used;
        std::uint64_t bytes;
    };
    std::vector<Entry> entries;
    std::error_code error;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error))
        if (it->is_regular_file() && it->path().extension() == ".bin")
            entries.push_back({it->path(), it->last_write_time(), it->file_size()});
    std::sort(entries.begin(), entries.end(),
              [](const Entry& x, const Entry& y) { return x.used > y.used; });
    std::uint64_t total = 0;
    for (const Entry& entry : entries) {
        total += entry.bytes;
        if (total > budgetBytes && entry.path != keep)
            fs::remove(entry.path, error);
    }
}

} // namespace

std::string imageCacheFolder() {
    const char* setting = std::getenv("TRAINBENCH_IMAGE_CACHE");
    if (setting && std::strcmp(setting, "off") == 0)
        return {};
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    const std::string base =
        xdg && *xdg ? xdg : std::string(home && *home ? home : ".") + "/.cache";
    return base + "/trainbench/images";
}

std::optional<std::vector<torch::Tensor>> readCachedImages(const std::string& folder,
                                                           const ImageCacheKey& key) {
    if (folder.empty())
        return std::nullopt;
    const std::vector<Sample> samples = samplesByPath(key);
    const std::optional<Digest> digest = digestOf(key, samples);
    if (!digest)
        return std::nullopt;
    const std::string path = entryPath(folder, *digest);
    std::ifstream file(path, std::ios::binary);
    CacheHeader header;
    if (!file.read(reinterpret_cast<char*>(&header), sizeof header))
        return std::nullopt;
    const CacheHeader expected = headerFor(key, *digest, samples.size());
    if (std::memcmp(&header, &expected, sizeof header) != 0)
        return std::nullopt;
    std::vector<torch::Tensor> pixels;
    for (const std::vector<std::string>& split : key.files)
        pixels.push_back(torch::empty(
            {static_cast<std::int64_t>(split.size()), key.channels, key.side, key.side},
            torch::kUInt8));
    const auto bytes = static_cast<std::streamsize>(sampleBytes(key));
    for (const Sample& sample : samples) {
        char* into = reinterpret_cast<char*>(pixels[sample.split].data_ptr<std::uint8_t>()) +
                     sample.row * bytes;
        if (!file.read(into, bytes))
            return std::nullopt;
    }
    if (file.peek() != std::ifstream::traits_type::eof())
        return std::nullopt;
    std::error_code error;
    fs::last_write_time(path, fs::file_time_type::clock::now(), error); // recently used
    return pixels;
}

bool cacheImages(const std::string& folder, const ImageCacheKey& key,
                 const std::vector<torch::Tensor>& pixels, std::uint64_t budgetBytes) {
    if (folder.empty() || pixels.size() != key.files.size())
        return false;
    for (std::size_t i = 0; i < pixels.size(); ++i)
        if (!pixels[i].is_contiguous() || pixels[i].scalar_type() != torch::kUInt8 ||
            pixels[i].sizes() != torch::IntArrayRef({static_cast<std::int64_t>(key.files[i].size()),
                                                     key.channels, key.side, key.side}))
            return false;
    const std::vector<Sample> samples = samplesByPath(key);
    const std::optional<Digest> digest = digestOf(key, samples);
    if (!digest)
        return false;
    const std::uint64_t bytes = samples.size() * sampleBytes(key);
    std::error_code error;
    fs::create_directories(folder, error);
    const fs::space_info space = fs::space(folder, error);
    if (error || bytes > budgetBytes || space.available < bytes + space.capacity / 10)
        return false;

    const CacheHeader header = headerFor(key, *digest, samples.size());
    std::vector<std::string_view> parts{{reinterpret_cast<const char*>(&header), sizeof header}};
    const auto sampleSize = static_cast<std::size_t>(sampleBytes(key));
    for (const Sample& sample : samples)
        parts.emplace_back(
            reinterpret_cast<const char*>(pixels[sample.split].data_ptr<std::uint8_t>()) +
                static_cast<std::size_t>(sample.row) * sampleSize,
            sampleSize);
    const std::string path = entryPath(folder, *digest);
    try {
        writeFileAtomically(path, parts);
    } catch (const std::system_error&) {
        return false;
    }
    prune(folder, path, budgetBytes);
    return true;
}

} // namespace tb::engine
