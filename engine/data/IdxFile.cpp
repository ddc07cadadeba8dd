#include "engine/data/IdxFile.h"

#include "engine/data/DataError.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <zlib.h>

namespace tb::engine {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMagicBytes = 4;
constexpr std::size_t kDimBytes = 4;
/// Deflate expands at most ~1032:1, which bounds what a gzip file can hold.
constexpr std::uint64_t kMaxGzipRatio = 1032;
/// No MNIST-style file comes near this; a larger header is corrupt, not a dataset.
constexpr std::uint64_t kMaxDataBytes = std::uint64_t{1} << 40;
constexpr unsigned kChunkBytes = 1u << 20;

struct IdxType {
    std::uint8_t code;
    torch::ScalarType dtype;
    const char* name;
};

constexpr std::array<IdxType, 6> kIdxTypes{{
    {0x08, torch::kUInt8, "uint8"},
    {0x09, torch::kInt8, "int8"},
    {0x0B, torch::kInt16, "int16"},
    {0x0C, torch::kInt32, "int32"},
    {0x0D, torch::kFloat32, "float32"},
    {0x0E, torch::kFloat64, "float64"},
}};

std::string hexBytes(const std::uint8_t* bytes, std::size_t count) {
    std::string text = "0x";
    for (std::size_t i = 0; i < count; ++i) {
        std::array<char, 3> digits{};
        std::snprintf(digits.data(), digits.size(), "%02x", bytes[i]);
        text += digits.data();
    }
    return text;
}

/// Reads a file through zlib, which inflates gzip content and passes anything else through.
class IdxStream {
public:
    explicit IdxStream(const std::string& path)
        : m_path(path)
        , m_file(gzopen(path.c_str(), "rb"), &gzclose) {
        if (!m_file) {
            throw DataError(path + " cannot be opened (" + std::strerror(errno) +
                            "); check its permissions");
        }
        gzbuffer(m_file.get(), 256 * 1024);
    }

    /// Reads up to `count` bytes; fewer only at the end of the data.
    std::uint64_t read(void* destination, std::uint64_t count) {
        auto* bytes = static_cast<char*>(destination);
        std::uint64_t total = 0;
        while (total < count) {
            const auto chunk =
                static_cast<unsigned>(std::min<std::uint64_t>(count - total, kChunkBytes));
            const int got = gzread(m_file.get(), bytes + total, chunk);
            if (got < 0) {
                throwZlibError();
            }
            if (got == 0) {
                checkCleanEnd();
                break;
            }
            total += static_cast<std::uint64_t>(got);
        }
        return total;
    }

private:
    void checkCleanEnd() {
        int code = Z_OK;
        gzerror(m_file.get(), &code);
        if (code != Z_OK) {
            throwZlibError();
        }
    }

    [[noreturn]] void throwZlibError() {
        int code = Z_OK;
        const std::string message = gzerror(m_file.get(), &code);
        if (code == Z_BUF_ERROR) {
            throw DataError(m_path + ": the gzip stream ends early (" + message +
                            "); the file is truncated, download it again");
        }
        if (code == Z_ERRNO) {
            throw DataError(m_path + " cannot be read (" + std::strerror(errno) + ")");
        }
        throw DataError(m_path + ": the gzip stream is corrupt (zlib: " + message +
                        "); download the file again");
    }

    std::string m_path;
    std::unique_ptr<gzFile_s, int (*)(gzFile)> m_file;
};

bool startsWithGzipMagic(const std::string& path) {
    std::array<unsigned char, 2> magic{};
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    return file && std::fread(magic.data(), 1, magic.size(), file.get()) == magic.size() &&
           magic[0] == 0x1f && magic[1] == 0x8b;
}

std::uint64_t checkedFileBytes(const std::string& path) {
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error && error != std::errc::no_such_file_or_directory) {
        throw DataError(path + " cannot be read (" + error.message() + ")");
    }
    if (!fs::exists(status)) {
        throw DataError(path + " does not exist; download it or point data.root at the folder "
                               "that holds it");
    }
    if (fs::is_directory(status)) {
        throw DataError(path + " is a folder, not an IDX file");
    }
    const auto bytes = fs::file_size(path, error);
    if (error) {
        throw DataError(path + " cannot be read (" + error.message() + ")");
    }
    if (bytes == 0) {
        throw DataError(path + " is empty; download it again");
    }
    return bytes;
}

const IdxType& idxType(const std::string& path, const std::uint8_t* magic) {
    if (magic[0] != 0 || magic[1] != 0) {
        throw DataError(path + " is not an IDX file (magic " + hexBytes(magic, kMagicBytes) +
                        ", expected 0x0000 then a type and a dimension count); it is not what "
                        "its name says: download it again");
    }
    for (const auto& type : kIdxTypes) {
        if (type.code == magic[2]) {
            return type;
        }
    }
    throw DataError(path + " has the unsupported IDX element type " + hexBytes(magic + 2, 1) +
                    " (supported: 0x08 uint8, 0x09 int8, 0x0b int16, 0x0c int32, 0x0d float32, "
                    "0x0e float64); the file is corrupt or not an IDX file");
}

void readExactly(IdxStream& stream, const std::string& path, void* destination, std::uint64_t count,
                 std::uint64_t offset) {
    const auto got = stream.read(destination, count);
    if (got != count) {
        throw DataError(path + ": the IDX header is truncated (expected " +
                        std::to_string(offset + count) + " header bytes, found " +
                        std::to_string(offset + got) + "); download the file again");
    }
}

std::string joinedDims(const std::vector<std::int64_t>& dims) {
    std::string text;
    for (const auto dim : dims) {
        text += (text.empty() ? "" : "x") + std::to_string(dim);
    }
    return text;
}

/// What the header says: element type, dimensions and the byte count they imply.
struct IdxHeader {
    const IdxType* type = nullptr;
    std::vector<std::int64_t> dims;
    std::uint64_t dataBytes = 0;

    std::uint64_t headerBytes() const { return kMagicBytes + dims.size() * kDimBytes; }
};

IdxHeader readHeader(IdxStream& stream, const std::string& path) {
    std::array<std::uint8_t, kMagicBytes> magic{};
    readExactly(stream, path, magic.data(), magic.size(), 0);
    IdxHeader header;
    header.type = &idxType(path, magic.data());
    const std::uint8_t dimCount = magic[3];
    if (dimCount == 0) {
        throw DataError(path + ": the IDX header declares no dimensions; the file is corrupt, "
                               "download it again");
    }
    std::vector<std::uint8_t> raw(dimCount * kDimBytes);
    readExactly(stream, path, raw.data(), raw.size(), kMagicBytes);

    header.dataBytes = c10::elementSize(header.type->dtype);
    bool absurd = false;
    for (std::size_t i = 0; i < dimCount; ++i) {
        const std::uint8_t* b = raw.data() + i * kDimBytes;
        const std::uint64_t dim = (std::uint64_t{b[0]} << 24) | (std::uint64_t{b[1]} << 16) |
                                  (std::uint64_t{b[2]} << 8) | std::uint64_t{b[3]};
        header.dims.push_back(static_cast<std::int64_t>(dim));
        absurd = absurd || (dim != 0 && header.dataBytes > kMaxDataBytes / dim);
        header.dataBytes = absurd ? kMaxDataBytes : header.dataBytes * dim;
    }
    if (absurd) {
        throw DataError(path + ": the IDX header announces dimensions " + joinedDims(header.dims) +
                        ", over 1 TiB of data; the header is corrupt, download the file again");
    }
    return header;
}

std::string truncatedMessage(const std::string& path, std::uint64_t expected, std::uint64_t found) {
    return path + ": expected " + std::to_string(expected) + " bytes of data, found " +
           std::to_string(found) + "; the file is truncated, download it again";
}

/// Refuses, before allocating, data the file cannot possibly hold.
void checkFits(const std::string& path, const IdxHeader& header, std::uint64_t fileBytes,
               bool gzipped) {
    if (!gzipped && fileBytes - header.headerBytes() < header.dataBytes) {
        throw DataError(truncatedMessage(path, header.dataBytes, fileBytes - header.headerBytes()));
    }
    if (gzipped && header.dataBytes / kMaxGzipRatio > fileBytes) {
        throw DataError(path + ": the IDX header announces " + std::to_string(header.dataBytes) +
                        " bytes of data (" + joinedDims(header.dims) + "), more than this " +
                        std::to_string(fileBytes) +
                        "-byte gzip file can hold; the file is truncated or corrupt, download "
                        "it again");
    }
}

/// IDX stores multi-byte elements big-endian.
void toHostByteOrder(torch::Tensor& tensor) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const auto width = static_cast<std::size_t>(tensor.element_size());
    if (width == 1) {
        return;
    }
    auto* bytes = static_cast<std::uint8_t*>(tensor.data_ptr());
    const auto count = static_cast<std::size_t>(tensor.numel());
    for (std::size_t i = 0; i < count; ++i) {
        std::reverse(bytes + i * width, bytes + (i + 1) * width);
    }
#else
    (void)tensor;
#endif
}

} // namespace

torch::Tensor readIdxFile(const std::string& path) {
    const auto fileBytes = checkedFileBytes(path);
    const bool gzipped = startsWithGzipMagic(path);
    IdxStream stream(path);
    const auto header = readHeader(stream, path);
    checkFits(path, header, fileBytes, gzipped);

    auto tensor = torch::empty(header.dims, torch::TensorOptions().dtype(header.type->dtype));
    const auto found = stream.read(tensor.data_ptr(), header.dataBytes);
    if (found != header.dataBytes) {
        throw DataError(truncatedMessage(path, header.dataBytes, found));
    }
    char extra = 0;
    if (stream.read(&extra, 1) != 0) {
        throw DataError(path + " holds unexpected bytes after the " +
                        std::to_string(header.dataBytes) + " bytes of its " + header.type->name +
                        " " + joinedDims(header.dims) +
                        " data; the file is corrupt, download it again");
    }
    toHostByteOrder(tensor);
    return tensor;
}

} // namespace tb::engine
