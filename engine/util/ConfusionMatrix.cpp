#include "engine/util/ConfusionMatrix.h"

#include "engine/util/CsvFields.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tb::engine {
namespace {

constexpr const char* kCorner = "true \\ predicted";

double ratio(std::int64_t part, std::int64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::string fixed3(double value) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.3f", value);
    return text;
}

std::int64_t parseCount(std::string_view field, std::size_t line) {
    std::int64_t value = -1;
    const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (error != std::errc() || end != field.data() + field.size() || value < 0)
        throw std::runtime_error("line " + std::to_string(line) + ": '" + std::string(field) +
                                 "' is not a count");
    return value;
}

} // namespace

ConfusionMatrix::ConfusionMatrix(std::vector<std::string> classNames)
    : m_classNames(std::move(classNames))
    , m_counts(m_classNames.size() * m_classNames.size(), 0) {}

void ConfusionMatrix::add(int trueClass, int predictedClass, std::int64_t count) {
    m_counts.at(static_cast<std::size_t>(trueClass * classCount() + predictedClass)) += count;
}

std::int64_t ConfusionMatrix::count(int trueClass, int predictedClass) const {
    return m_counts.at(static_cast<std::size_t>(trueClass * classCount() + predictedClass));
}

std::int64_t ConfusionMatrix::support(int c) const {
    std::int64_t sum = 0;
    for (int p = 0; p < classCount(); ++p)
        sum += count(c, p);
    return sum;
}

std::int64_t ConfusionMatrix::predictedAs(int c) const {
    std::int64_t sum = 0;
    for (int t = 0; t < classCount(); ++t)
        sum += count(t, c);
    return sum;
}

std::int64_t ConfusionMatrix::total() const {
    std::int64_t sum = 0;
    for (const auto n : m_counts)
        sum += n;
    return sum;
}

double ConfusionMatrix::accuracy() const {
    std::int64_t right = 0;
    for (int c = 0; c < classCount(); ++c)
        right += count(c, c);
    return ratio(right, total());
}

double ConfusionMatrix::precision(int c) const {
    return ratio(count(c, c), predictedAs(c));
}

double ConfusionMatrix::recall(int c) const {
    return ratio(count(c, c), support(c));
}

double ConfusionMatrix::f1(int c) const {
    // 2TP / (2TP + FP + FN): the harmonic mean of precision and recall without dividing twice.
    return ratio(2 * count(c, c), support(c) + predictedAs(c));
}

double ConfusionMatrix::macroF1() const {
    double sum = 0.0;
    int classes = 0;
    for (int c = 0; c < classCount(); ++c) {
        if (support(c) == 0 && predictedAs(c) == 0)
            continue;
        sum += f1(c);
        ++classes;
    }
    return classes == 0 ? 0.0 : sum / classes;
}

int ConfusionMatrix::mostConfusedWith(int c) const {
    int worst = -1;
    for (int p = 0; p < classCount(); ++p)
        if (p != c && count(c, p) > 0 && (worst < 0 || count(c, p) > count(c, worst)))
            worst = p;
    return worst;
}

std::vector<std::vector<std::string>> ConfusionMatrix::countRows() const {
    std::vector<std::string> header{kCorner};
    header.insert(header.end(), m_classNames.begin(), m_classNames.end());
    std::vector<std::vector<std::string>> rows{header};
    for (int t = 0; t < classCount(); ++t) {
        std::vector<std::string> row{m_classNames[static_cast<std::size_t>(t)]};
        for (int p = 0; p < classCount(); ++p)
            row.push_back(std::to_string(count(t, p)));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<std::vector<std::string>> ConfusionMatrix::scoreRows() const {
    std::vector<std::vector<std::string>> rows{
        {"class", "samples", "precision", "recall", "F1", "most often taken for"}};
    for (int c = 0; c < classCount(); ++c) {
        const int other = mostConfusedWith(c);
        rows.push_back({m_classNames[static_cast<std::size_t>(c)], std::to_string(support(c)),
                        fixed3(precision(c)), fixed3(recall(c)), fixed3(f1(c)),
                        other < 0 ? "-"
                                  : m_classNames[static_cast<std::size_t>(other)] + " (" +
                                        std::to_string(count(c, other)) + ")"});
    }
    rows.push_back({"all", std::to_string(total()), "", "", fixed3(macroF1()) + " macro",
                    "accuracy " + fixed3(accuracy())});
    return rows;
}

std::string ConfusionMatrix::toCsv() const {
    std::string csv;
    for (const auto& row : countRows()) {
        for (std::size_t i = 0; i < row.size(); ++i)
            csv += (i == 0 ? "" : ",") + csvField(row[i]);
        csv += '\n';
    }
    return csv;
}

ConfusionMatrix ConfusionMatrix::fromCsv(const std::string& text) {
    std::istringstream lines(text);
    std::string line;
    std::vector<std::string_view> fields;
    if (!std::getline(lines, line))
        throw std::runtime_error("the file is empty");
    splitCsvFields(line, fields);
    if (fields.size() < 2)
        throw std::runtime_error("line 1 names no classes");
    ConfusionMatrix matrix({fields.begin() + 1, fields.end()});
    for (int t = 0; t < matrix.classCount(); ++t) {
        const auto lineNumber = static_cast<std::size_t>(t) + 2;
        if (!std::getline(lines, line))
            throw std::runtime_error("it ends after line " + std::to_string(lineNumber - 1) +
                                     ", before the row of class '" +
                                     matrix.m_classNames[static_cast<std::size_t>(t)] + "'");
        splitCsvFields(line, fields);
        if (fields.size() != matrix.m_classNames.size() + 1)
            throw std::runtime_error("line " + std::to_string(lineNumber) + " has " +
                                     std::to_string(fields.size()) + " fields, not " +
                                     std::to_string(matrix.m_classNames.size() + 1));
        for (int p = 0; p < matrix.classCount(); ++p)
            matrix.add(t, p, parseCount(fields[static_cast<std::size_t>(p) + 1], lineNumber));
    }
    return matrix;
}

ConfusionMatrix ConfusionMatrix::readCsvFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
    std::ostringstream text;
    text << file.rdbuf(); // an empty file leaves text empty, which fromCsv() names
    try {
        return fromCsv(text.str());
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(path + " is damaged: " + e.what());
    }
}

} // namespace tb::engine
