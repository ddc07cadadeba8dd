#include "engine/data/csv/NpyFile.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace tb::engine {
namespace {

constexpr char kMagic[] = "\x93NUMPY\x01\x00";
constexpr std::size_t kMagicSize = 8;
constexpr std::size_t kAlignment = 64;

std::string shapeText(const torch::Tensor& array) {
    std::string text;
    for (const auto size : array.sizes())
        text += (text.empty() ? "" : ", ") + std::to_string(size);
    return "(" + text + (array.dim() == 1 ? ",)" : ")");
}

/// The header dictionary (the float data is written as this little-endian host holds it),
/// padded with spaces so the data starts 64-byte aligned.
std::string header(const torch::Tensor& array) {
    std::string dict =
        "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText(array) + ", }";
    const std::size_t unpadded = kMagicSize + 2 + dict.size() + 1;
    dict.append((kAlignment - unpadded % kAlignment) % kAlignment, ' ');
    return dict + '\n';
}

} // namespace

void writeNpyFile(const std::string& path, const torch::Tensor& array) {
    const auto values = array.to(torch::kCPU, torch::kFloat32).contiguous();
    const std::string dict = header(values);
    const auto length = static_cast<std::uint16_t>(dict.size());
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(kMagic, kMagicSize);
    const char lengthBytes[2] = {static_cast<char>(length & 0xff), static_cast<char>(length >> 8)};
    file.write(lengthBytes, 2);
    file << dict;
    file.write(reinterpret_cast<const char*>(values.data_ptr<float>()),
               static_cast<std::streamsize>(values.numel() * sizeof(float)));
    if (!file)
        throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
}

} // namespace tb::engine
