// Shared by the data tests: tiny IDX files written by the tests themselves (plain, gzip, or
// broken on purpose) and DataError capture.
#pragma once

#include <QString>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tb::test {

/// IDX element type codes.
constexpr std::uint8_t kIdxUInt8 = 0x08;
constexpr std::uint8_t kIdxInt8 = 0x09;
constexpr std::uint8_t kIdxInt16 = 0x0B;
constexpr std::uint8_t kIdxInt32 = 0x0C;
constexpr std::uint8_t kIdxFloat32 = 0x0D;
constexpr std::uint8_t kIdxFloat64 = 0x0E;

/// The IDX header for `type` and `dims`.
std::string idxHeader(std::uint8_t type, const std::vector<std::uint32_t>& dims);
/// `values` as big-endian elements of IDX type `type`.
std::string idxPayload(std::uint8_t type, const std::vector<double>& values);

void writePlain(const QString& path, const std::string& bytes);
void writeGzip(const QString& path, const std::string& bytes);
/// gzip-compressed `bytes` in memory, for tests that break the compressed stream.
std::string gzipped(const std::string& bytes);

/// Options for writeIdxDataset().
struct IdxDatasetSpec {
    int trainCount = 100;
    int testCount = 20;
    int side = 4;
    int numClasses = 10;
    bool gzip = false;
};

/// Writes the four MNIST file names into `folder`. Image i of a file carries i in its first
/// pixel (so tests can tell samples apart) and label i % numClasses.
void writeIdxDataset(const QString& folder, const IdxDatasetSpec& spec);

/// The message of the DataError `action` throws; empty when it throws none.
QString dataErrorOf(const std::function<void()>& action);

} // namespace tb::test
