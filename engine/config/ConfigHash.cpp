#include "engine/config/ConfigYaml.h"
#include "engine/config/Schema.h"
#include "engine/config/YamlScalar.h"

#include <array>
#include <cstdio>
#include <map>

namespace tb::engine {
namespace {

constexpr std::uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

std::uint64_t fnv1a(const std::string& text) {
    std::uint64_t hash = kFnvOffsetBasis;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= kFnvPrime;
    }
    return hash;
}

} // namespace

std::string configHash(const Config& config) {
    // Canonical `key=value` lines in key order: the same effective values give the same text
    // whatever the file's order and whether defaults were written out.
    std::map<std::string, std::string> lines;
    for (const FieldSpec* field : config.schema().activeFields(config))
        lines[field->key] = yamlScalar(*field, config.value(field->key));
    std::string canonical;
    for (const auto& [key, value] : lines)
        canonical += key + '=' + value + '\n';
    std::array<char, 17> hex{};
    std::snprintf(hex.data(), hex.size(), "%016llx",
                  static_cast<unsigned long long>(fnv1a(canonical)));
    return hex.data();
}

} // namespace tb::engine
