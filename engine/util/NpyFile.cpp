#include "engine/util/NpyFile.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <limits>
#include <optional>
#include <stdexcept>

namespace tb::engine {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicSize = 6;
constexpr std::size_t kAlignment = 64;

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string text;
    for (const auto size : shape)
        text += (text.empty() ? "" : ", ") + std::to_string(size);
    return "(" + text + (shape.size() == 1 ? ",)" : ")");
}

/// The header dictionary (the floats are written as this little-endian host holds them),
/// padded with spaces so the data starts 64-byte aligned.
std::string header(const std::vector<std::int64_t>& shape) {
    std::string dict =
        "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
    const std::size_t unpadded = kMagicSize + 4 + dict.size() + 1;
    dict.append((kAlignment - unpadded % kAlignment) % kAlignment, ' ');
    return dict + '\n';
}

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
    throw std::runtime_error(path + " cannot be read: " + problem);
}

/// The text after `key` in the header dictionary, or empty when the key is missing.
std::string valueAfter(const std::string& dict, const std::string& key) {
    const auto at = dict.find("'" + key + "':");
    if (at == std::string::npos)
        return {};
    const auto start = dict.find_first_not_of(' ', at + key.size() + 3);
    return start == std::string::npos ? std::string() : dict.substr(start);
}

std::vector<std::int64_t> parseShape(const std::string& path, const std::string& dict) {
    const std::string value = valueAfter(dict, "shape");
    const auto close = value.find(')');
    if (value.empty() || value[0] != '(' || close == std::string::npos)
        fail(path, "its header has no shape");
    std::vector<std::int64_t> shape;
    std::size_t pos = 1;
    while (pos < close) {
        const auto digits = value.find_first_of("0123456789", pos);
        if (digits == std::string::npos || digits > close)
            break;
        std::int64_t size = 0;
        const auto [end, error] =
            std::from_chars(value.data() + digits, value.data() + close, size);
        if (error != std::errc())
            fail(path, "its shape " + value.substr(0, close + 1) + " is out of range");
        shape.push_back(size);
        pos = static_cast<std::size_t>(end - value.data());
    }
    return shape;
}

/// The bytes of float32 data `shape` needs; nullopt past 2^64 (a corrupt shape must not
/// overflow).
std::optional<std::uint64_t> dataBytes(const std::vector<std::int64_t>& shape) {
    if (std::find(shape.begin(), shape.end(), 0) != shape.end())
        return 0;
    std::uint64_t bytes = sizeof(float);
    for (const auto size : shape) {
        if (bytes > std::numeric_limits<std::uint64_t>::max() / static_cast<std::uint64_t>(size))
            return std::nullopt;
        bytes *= static_cast<std::uint64_t>(size);
    }
    return bytes;
}

} // namespace

std::int64_t NpyArray::elementCount() const {
    // Checked first: the other sizes of an empty array may multiply past 2^63.
    if (std::find(shape.begin(), shape.end(), 0) != shape.end())
        return 0;
    std::int64_t count = 1;
    for (const auto size : shape)
        count *= size;
    return count;
}

void writeNpyFile(const std::string& path, const std::vector<std::int64_t>& shape,
                  const float* values) {
    const std::string dict = header(shape);
    const auto length = static_cast<std::uint16_t>(dict.size());
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(kMagic, kMagicSize);
    const char versionAndLength[4] = {1, 0, static_cast<char>(length & 0xff),
                                      static_cast<char>(length >> 8)};
    file.write(versionAndLength, 4);
    file << dict;
    file.write(reinterpret_cast<const char*>(values),
               static_cast<std::streamsize>(NpyArray{shape, {}}.elementCount() * sizeof(float)));
    if (!file)
        throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
}

NpyArray readNpyFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary | std::ios::ate);
    if (!file)
        fail(path, std::strerror(errno));
    const auto fileBytes = static_cast<std::uint64_t>(std::max<std::streamoff>(file.tellg(), 0));
    file.seekg(0);
    char preamble[kMagicSize + 2] = {};
    file.read(preamble, sizeof(preamble));
    if (!file || std::memcmp(preamble, kMagic, kMagicSize) != 0)
        fail(path, "it is not a NumPy .npy file");
    const int major = static_cast<unsigned char>(preamble[kMagicSize]);
    if (major < 1 || major > 3)
        fail(path, "it is .npy version " + std::to_string(major) + ", newer than 3");
    // Version 1 stores the header length in 2 bytes, versions 2 and 3 in 4.
    unsigned char lengthBytes[4] = {};
    file.read(reinterpret_cast<char*>(lengthBytes), major == 1 ? 2 : 4);
    const std::size_t length = lengthBytes[0] | lengthBytes[1] << 8 |
                               static_cast<std::size_t>(lengthBytes[2]) << 16 |
                               static_cast<std::size_t>(lengthBytes[3]) << 24;
    const auto headerEnd = static_cast<std::uint64_t>(file.tellg()) + length;
    if (!file || headerEnd > fileBytes)
        fail(path, "its header is cut short");
    std::string dict(length, '\0');
    file.read(dict.data(), static_cast<std::streamsize>(length));

    const std::string descr = valueAfter(dict, "descr");
    if (descr.rfind("'<f4'", 0) != 0)
        fail(path, "it holds " + descr.substr(0, descr.find(',')) +
                       " values where float32 ('<f4') is expected");
    if (valueAfter(dict, "fortran_order").rfind("False", 0) != 0)
        fail(path, "it is stored in Fortran order; save it in C order");

    NpyArray array;
    array.shape = parseShape(path, dict);
    // Checked before anything is allocated: a corrupt shape must not reserve what it declares.
    const std::uint64_t available = fileBytes - headerEnd;
    const std::optional<std::uint64_t> needed = dataBytes(array.shape);
    if (!needed || *needed > available)
        fail(path, "it holds " + std::to_string(available) + " bytes of data where its shape " +
                       shapeText(array.shape) + " needs " +
                       (needed ? std::to_string(*needed) : "more than 2^64"));
    array.values.resize(*needed / sizeof(float));
    file.read(reinterpret_cast<char*>(array.values.data()), static_cast<std::streamsize>(*needed));
    if (static_cast<std::uint64_t>(file.gcount()) != *needed) // cut while it was read
        fail(path, "it holds " + std::to_string(file.gcount()) + " bytes of data where its shape " +
                       shapeText(array.shape) + " needs " + std::to_string(*needed));
    return array;
}

} // namespace tb::engine
