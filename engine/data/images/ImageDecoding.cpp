#include "engine/data/images/ImageDecoding.h"

#include "engine/data/DataError.h"
#include "engine/data/images/ImageFile.h"
#include "engine/data/images/ImageResize.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

namespace tb::engine {
namespace {

/// Decodes files into their samples of one tensor, each worker taking the next file.
class FileDecoder {
public:
    FileDecoder(const std::vector<std::string>& files, int channels, int side, bool fit)
        : m_files(files)
        , m_channels(channels)
        , m_side(side)
        , m_fit(fit)
        , m_pixels(torch::empty({static_cast<std::int64_t>(files.size()), channels, side, side},
                                torch::kUInt8)) {}

    DecodedImages run(int threads) {
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t)
            workers.emplace_back([this] { work(); });
        for (std::thread& worker : workers)
            worker.join();
        std::sort(m_failures.begin(), m_failures.end(),
                  [](const ImageFailure& a, const ImageFailure& b) { return a.index < b.index; });
        return {m_pixels, std::move(m_failures)};
    }

private:
    void work() {
        for (std::size_t i = m_next++; i < m_files.size(); i = m_next++) {
            try {
                store(i, readImageFile(m_files[i], m_channels, m_fit ? m_side : 0));
            } catch (const DataError& error) {
                const std::lock_guard<std::mutex> lock(m_mutex);
                m_failures.push_back({i, error.what()});
            }
        }
    }

    /// HWC bytes of the right size into sample i's CHW planes.
    void store(std::size_t i, const DecodedImage& decoded) {
        if (!m_fit && (decoded.width != m_side || decoded.height != m_side))
            throw DataError(m_files[i] + " is " + std::to_string(decoded.width) + "x" +
                            std::to_string(decoded.height) + ", not " + std::to_string(m_side) +
                            "x" + std::to_string(m_side) +
                            " as the first training image; set data.image_size to scale every "
                            "image to one size");
        const DecodedImage image = m_fit ? fitToSquare(decoded, m_side) : decoded;
        const auto plane = static_cast<std::size_t>(m_side) * m_side;
        const auto channels = static_cast<std::size_t>(m_channels);
        std::uint8_t* out = m_pixels.data_ptr<std::uint8_t>() + i * channels * plane;
        for (std::size_t k = 0; k < plane; ++k)
            for (std::size_t c = 0; c < channels; ++c)
                out[c * plane + k] = image.pixels[k * channels + c];
    }

    const std::vector<std::string>& m_files;
    const int m_channels;
    const int m_side;
    const bool m_fit;
    torch::Tensor m_pixels;
    std::atomic<std::size_t> m_next{0};
    std::mutex m_mutex;
    std::vector<ImageFailure> m_failures;
};

} // namespace

DecodedImages decodeImageFiles(const std::vector<std::string>& files, int channels, int side,
                               bool fit, int threads) {
    return FileDecoder(files, channels, side, fit).run(std::max(1, threads));
}

int imageDecodingThreads(int configured) {
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return configured > 0 ? std::min(configured, cores) : cores;
}

} // namespace tb::engine
