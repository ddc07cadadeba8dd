#include "engine/config/Config.h"

#include "engine/config/Schema.h"

#include <stdexcept>

namespace tb::engine {

Config::Config(const Schema& schema)
    : m_schema(&schema) {}

const ConfigValue* Config::findSet(const std::string& key) const {
    const auto it = m_values.find(key);
    return it == m_values.end() ? nullptr : &it->second;
}

const ConfigValue& Config::value(const std::string& key) const {
    const FieldSpec* first = m_schema->find(key);
    if (first == nullptr)
        throw std::out_of_range("unknown config field '" + key + "'");
    if (const ConfigValue* set = findSet(key))
        return *set;
    const FieldSpec* active = m_schema->findActive(key, *this);
    return (active != nullptr ? active : first)->defaultValue;
}

void Config::set(const std::string& key, ConfigValue value) {
    m_values[key] = std::move(value);
}

std::vector<std::string> Config::inactiveKeys() const {
    std::vector<std::string> keys;
    for (const auto& [key, value] : m_values)
        if (!m_schema->findActive(key, *this))
            keys.push_back(key);
    return keys;
}

void Config::unset(const std::string& key) {
    m_values.erase(key);
}

bool Config::getBool(const std::string& key) const {
    return std::get<bool>(value(key));
}

std::int64_t Config::getInt(const std::string& key) const {
    return std::get<std::int64_t>(value(key));
}

double Config::getFloat(const std::string& key) const {
    const ConfigValue& v = value(key);
    if (const auto* integer = std::get_if<std::int64_t>(&v))
        return static_cast<double>(*integer);
    return std::get<double>(v);
}

const std::string& Config::getString(const std::string& key) const {
    return std::get<std::string>(value(key));
}

} // namespace tb::engine
