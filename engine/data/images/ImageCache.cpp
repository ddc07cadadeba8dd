#include "engine/data/images/ImageCache.h"

#include "engine/util/AtomicFile.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>

namespace tb::engine {
namespace {

namespace fs = std::filesystem;

/// A cache file begins with this and the header's numbers, then holds every image's bytes in
/// the order of their paths.
constexpr char kMagic[] = "TBIMGC01";

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

template <typename T> void append(std::string& bytes, T value) {
    bytes.append(reinterpret_cast<const char*>(&value), sizeof value);
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

std::optional<ImageCacheEntry> ImageCacheEntry::find(const std::string& folder,
                                                     const ImageCacheKey& key) {
    if (folder.empty())
        return std::nullopt;
    ImageCacheEntry entry;
    entry.m_key = &key;
    entry.m_folder = folder;
    for (std::size_t split = 0; split < key.files.size(); ++split)
        for (std::size_t row = 0; row < key.files[split].size(); ++row)
            entry.m_samples.push_back({split, static_cast<std::int64_t>(row)});
    const auto pathOf = [&](const Sample& s) -> const std::string& {
        return key.files[s.split][static_cast<std::size_t>(s.row)];
    };
    std::sort(entry.m_samples.begin(), entry.m_samples.end(),
              [&](const Sample& x, const Sample& y) { return pathOf(x) < pathOf(y); });

    Digest digest;
    digest.add(std::string(kMagic));
    digest.add(std::int64_t{key.channels});
    digest.add(std::int64_t{key.side});
    digest.add(std::int64_t{key.fit});
    for (const Sample& sample : entry.m_samples) {
        const std::string& path = pathOf(sample);
        struct stat info {};
        if (::stat(path.c_str(), &info) != 0)
            return std::nullopt;
        digest.add(path);
        digest.add(static_cast<std::int64_t>(info.st_size));
        digest.add(static_cast<std::int64_t>(info.st_mtim.tv_sec));
        digest.add(static_cast<std::int64_t>(info.st_mtim.tv_nsec));
    }
    entry.m_digest[0] = digest.a;
    entry.m_digest[1] = digest.b;
    char name[48];
    std::snprintf(name, sizeof name, "%016llx%016llx.bin",
                  static_cast<unsigned long long>(digest.a),
                  static_cast<unsigned long long>(digest.b));
    entry.m_path = (fs::path(folder) / name).string();
    return entry;
}

std::string ImageCacheEntry::header() const {
    std::string bytes(kMagic);
    append(bytes, m_digest[0]);
    append(bytes, m_digest[1]);
    append(bytes, static_cast<std::uint64_t>(m_samples.size()));
    append(bytes, static_cast<std::uint32_t>(m_key->channels));
    append(bytes, static_cast<std::uint32_t>(m_key->side));
    append(bytes, static_cast<std::uint32_t>(m_key->fit ? 1 : 0));
    return bytes;
}

std::uint64_t ImageCacheEntry::sampleBytes() const {
    return static_cast<std::uint64_t>(m_key->channels) * static_cast<std::uint64_t>(m_key->side) *
           static_cast<std::uint64_t>(m_key->side);
}

std::optional<std::vector<torch::Tensor>> ImageCacheEntry::read() const {
    std::ifstream file(m_path, std::ios::binary);
    const std::string expected = header();
    std::string found(expected.size(), '\0');
    if (!file.read(found.data(), static_cast<std::streamsize>(found.size())) || found != expected)
        return std::nullopt;
    std::vector<torch::Tensor> pixels;
    for (const std::vector<std::string>& split : m_key->files)
        pixels.push_back(torch::empty(
            {static_cast<std::int64_t>(split.size()), m_key->channels, m_key->side, m_key->side},
            torch::kUInt8));
    const auto bytes = static_cast<std::streamsize>(sampleBytes());
    for (const Sample& sample : m_samples) {
        char* into = reinterpret_cast<char*>(pixels[sample.split].data_ptr<std::uint8_t>()) +
                     sample.row * bytes;
        if (!file.read(into, bytes))
            return std::nullopt;
    }
    if (file.peek() != std::ifstream::traits_type::eof())
        return std::nullopt;
    std::error_code error;
    fs::last_write_time(m_path, fs::file_time_type::clock::now(), error); // recently used
    return pixels;
}

bool ImageCacheEntry::write(const std::vector<torch::Tensor>& pixels,
                            std::uint64_t budgetBytes) const {
    if (pixels.size() != m_key->files.size())
        return false;
    for (std::size_t i = 0; i < pixels.size(); ++i)
        if (!pixels[i].is_contiguous() || pixels[i].scalar_type() != torch::kUInt8 ||
            pixels[i].sizes() !=
                torch::IntArrayRef({static_cast<std::int64_t>(m_key->files[i].size()),
                                    m_key->channels, m_key->side, m_key->side}))
            return false;
    const std::uint64_t bytes = m_samples.size() * sampleBytes();
    std::error_code error;
    fs::create_directories(m_folder, error);
    const fs::space_info space = fs::space(m_folder, error);
    if (error || bytes > budgetBytes || space.available < bytes + space.capacity / 10)
        return false;

    const std::string head = header();
    std::vector<std::string_view> parts{head};
    const auto size = static_cast<std::size_t>(sampleBytes());
    for (const Sample& sample : m_samples)
        parts.emplace_back(
            reinterpret_cast<const char*>(pixels[sample.split].data_ptr<std::uint8_t>()) +
                static_cast<std::size_t>(sample.row) * size,
            size);
    try {
        writeFileAtomically(m_path, parts);
    } catch (const std::system_error&) {
        return false;
    }
    prune(m_folder, m_path, budgetBytes);
    return true;
}

} // namespace tb::engine
