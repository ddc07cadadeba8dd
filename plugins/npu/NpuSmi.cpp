#include "plugins/npu/NpuSmi.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <sys/wait.h>

namespace tb::npu {
namespace {

constexpr std::int64_t kBytesPerMB = 1024 * 1024;

std::vector<std::string> tokens(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string token; in >> token;)
        out.push_back(token);
    return out;
}

/// The cells between `|` of a table row; empty for a border (`+---`) or any other line.
std::vector<std::string> cells(const std::string& line) {
    const auto first = line.find_first_not_of(' ');
    if (first == std::string::npos || line[first] != '|')
        return {};
    std::vector<std::string> out;
    std::string::size_type start = first + 1;
    for (auto bar = line.find('|', start); bar != std::string::npos; bar = line.find('|', start)) {
        out.push_back(line.substr(start, bar - start));
        start = bar + 1;
    }
    return out;
}

std::optional<long long> integer(const std::string& text) {
    if (text.empty())
        return std::nullopt;
    char* end = nullptr;
    const long long value = std::strtoll(text.c_str(), &end, 10);
    return *end == '\0' ? std::optional<long long>(value) : std::nullopt;
}

/// `93.6` -> 93.6; `NA` or `-` -> -1.
double number(const std::string& text) {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    return end != text.c_str() && *end == '\0' ? value : -1.0;
}

/// `used / total` pairs in MB of the chip row's last cell; npu-smi writes `59356/ 65536`
/// when the used figure fills its column, so slashes are spaced out first.
std::vector<std::pair<double, double>> usagePairs(const std::vector<std::string>& parts) {
    std::vector<std::pair<double, double>> pairs;
    for (std::size_t i = 0; i + 2 < parts.size(); ++i) {
        if (parts[i + 1] == "/") {
            pairs.emplace_back(number(parts[i]), number(parts[i + 2]));
            i += 2;
        }
    }
    return pairs;
}

std::string spacedSlashes(const std::string& text) {
    std::string out;
    for (char c : text)
        out += c == '/' ? std::string(" / ") : std::string(1, c);
    return out;
}

struct DeviceRow {
    int npuId = -1;
    std::string name;
    std::string health;
    double powerW = -1.0;
    double temperatureC = -1.0;
};

NpuSmiChip chipFrom(const DeviceRow& device, int chipId, const std::vector<std::string>& row) {
    NpuSmiChip chip;
    chip.npuId = device.npuId;
    chip.chipId = chipId;
    chip.health = device.health;
    chip.busId = tokens(row[1]).empty() ? "" : tokens(row[1]).front();
    chip.chip.name = "Ascend " + device.name;
    NpuReading& r = chip.chip.reading;
    r.powerW = device.powerW;
    r.temperatureC = device.temperatureC;
    const auto parts = tokens(spacedSlashes(row[2]));
    if (!parts.empty())
        r.aiCoreUtilizationPct = number(parts.front());
    const auto pairs = usagePairs(parts);
    if (!pairs.empty()) {
        const auto& [usedMB, totalMB] = pairs.back(); // HBM-Usage when the chip has HBM
        if (usedMB >= 0 && totalMB > 0) {
            r.memoryUsedBytes = static_cast<std::int64_t>(usedMB) * kBytesPerMB;
            r.memoryTotalBytes = static_cast<std::int64_t>(totalMB) * kBytesPerMB;
        }
    }
    return chip;
}

std::string shellQuoted(const std::string& text) {
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

} // namespace

std::vector<NpuSmiChip> parseNpuSmiInfo(const std::string& text) {
    std::vector<NpuSmiChip> chips;
    std::optional<DeviceRow> device;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        const auto row = cells(line);
        if (row.size() >= 4 && line.find("Process") != std::string::npos)
            break; // the process table's header: no more devices
        if (row.size() != 3)
            continue;
        const auto first = tokens(row[0]);
        const auto id = first.empty() ? std::nullopt : integer(first[0]);
        if (!id)
            continue; // a header row
        if (first.size() >= 2 && !integer(first[1])) {
            DeviceRow d;
            d.npuId = static_cast<int>(*id);
            d.name = first[1];
            const auto health = tokens(row[1]);
            d.health = health.empty() ? "" : health.front();
            const auto values = tokens(row[2]);
            d.powerW = values.size() > 0 ? number(values[0]) : -1.0;
            d.temperatureC = values.size() > 1 ? number(values[1]) : -1.0;
            device = d;
        } else if (device) {
            chips.push_back(chipFrom(*device, static_cast<int>(*id), row));
        }
    }
    return chips;
}

std::optional<std::string> runNpuSmiInfo(std::string& error) {
    const char* program = std::getenv("TB_NPU_SMI");
    const std::string command =
        shellQuoted(program && *program ? program : "npu-smi") + " info 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) {
        error = "npu-smi could not be started";
        return std::nullopt;
    }
    std::string output;
    std::array<char, 4096> buffer{};
    for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;)
        output.append(buffer.data(), n);
    const int status = pclose(pipe);
    const int exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (exitCode == 127) {
        error = "npu-smi not found (set TB_NPU_SMI if it is installed elsewhere)";
        return std::nullopt;
    }
    if (exitCode != 0) {
        error = "`npu-smi info` failed (exit status " + std::to_string(exitCode) + ")";
        return std::nullopt;
    }
    return output;
}

} // namespace tb::npu
