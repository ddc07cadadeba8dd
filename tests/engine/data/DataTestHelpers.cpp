#include "DataTestHelpers.h"

#include "engine/data/DataError.h"

#include <QDir>
#include <QFile>
#include <cstring>
#include <stdexcept>
#include <zlib.h>

namespace tb::test {
namespace {

template <typename T> void appendBigEndian(std::string& out, T value) {
    unsigned char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    for (std::size_t i = sizeof(T); i > 0; --i) {
        out.push_back(static_cast<char>(bytes[i - 1]));
    }
}

std::string fixturePath(const QString& folder, const char* name, bool gzip) {
    return QDir(folder).filePath(QString::fromLatin1(name) + (gzip ? ".gz" : "")).toStdString();
}

void writeIdx(const std::string& path, bool gzip, const std::string& bytes) {
    const auto qpath = QString::fromStdString(path);
    gzip ? writeGzip(qpath, bytes) : writePlain(qpath, bytes);
}

} // namespace

std::string idxHeader(std::uint8_t type, const std::vector<std::uint32_t>& dims) {
    std::string header{'\0', '\0', static_cast<char>(type), static_cast<char>(dims.size())};
    for (const auto dim : dims) {
        appendBigEndian(header, dim);
    }
    return header;
}

std::string idxPayload(std::uint8_t type, const std::vector<double>& values) {
    std::string out;
    for (const double v : values) {
        switch (type) {
        case kIdxUInt8:
            appendBigEndian(out, static_cast<std::uint8_t>(v));
            break;
        case kIdxInt8:
            appendBigEndian(out, static_cast<std::int8_t>(v));
            break;
        case kIdxInt16:
            appendBigEndian(out, static_cast<std::int16_t>(v));
            break;
        case kIdxInt32:
            appendBigEndian(out, static_cast<std::int32_t>(v));
            break;
        case kIdxFloat32:
            appendBigEndian(out, static_cast<float>(v));
            break;
        case kIdxFloat64:
            appendBigEndian(out, v);
            break;
        default:
            throw std::invalid_argument("idxPayload: unknown IDX type");
        }
    }
    return out;
}

void writePlain(const QString& path, const std::string& bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(bytes.data(), static_cast<qint64>(bytes.size())) !=
            static_cast<qint64>(bytes.size())) {
        throw std::runtime_error("cannot write " + path.toStdString());
    }
}

void writeGzip(const QString& path, const std::string& bytes) {
    writePlain(path, gzipped(bytes));
}

std::string gzipped(const std::string& bytes) {
    z_stream stream{};
    // 15 + 16: a gzip header and trailer rather than a raw zlib stream.
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
        throw std::runtime_error("deflateInit2 failed");
    }
    std::string out(deflateBound(&stream, bytes.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END) {
        throw std::runtime_error("deflate failed");
    }
    return out;
}

void writeIdxDataset(const QString& folder, const IdxDatasetSpec& spec) {
    const auto side = static_cast<std::uint32_t>(spec.side);
    const auto writePair = [&](const char* imagesName, const char* labelsName, int count) {
        std::vector<double> pixels;
        std::vector<double> labels;
        for (int i = 0; i < count; ++i) {
            pixels.push_back(i % 256);
            for (int p = 1; p < spec.side * spec.side; ++p) {
                pixels.push_back((i * 31 + p * 17) % 256);
            }
            labels.push_back(i % spec.numClasses);
        }
        const auto n = static_cast<std::uint32_t>(count);
        writeIdx(fixturePath(folder, imagesName, spec.gzip), spec.gzip,
                 idxHeader(kIdxUInt8, {n, side, side}) + idxPayload(kIdxUInt8, pixels));
        writeIdx(fixturePath(folder, labelsName, spec.gzip), spec.gzip,
                 idxHeader(kIdxUInt8, {n}) + idxPayload(kIdxUInt8, labels));
    };
    writePair("train-images-idx3-ubyte", "train-labels-idx1-ubyte", spec.trainCount);
    writePair("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", spec.testCount);
}

QString dataErrorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const engine::DataError& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

} // namespace tb::test
