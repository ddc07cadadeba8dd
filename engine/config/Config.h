// An experiment config: values keyed by dotted path, read through a schema.
#pragma once

#include "engine/config/ConfigValue.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tb::engine {

class Schema;

/// The values a user set; any field not set reads as its schema default. Copyable value
/// type; not synchronised (copy it to hand it to another thread).
///
/// Example:
/// ```
/// Config c(experimentSchema());
/// c.set("train.epochs", std::int64_t{5});
/// auto lr = c.getFloat("optim.lr"); // schema default
/// ```
class Config {
public:
    explicit Config(const Schema& schema);

    const Schema& schema() const { return *m_schema; }

    /// The explicitly set value, or nullptr.
    const ConfigValue* findSet(const std::string& key) const;
    /// The set value or the schema default; throws std::out_of_range for an undeclared key.
    const ConfigValue& value(const std::string& key) const;
    void set(const std::string& key, ConfigValue value);
    void unset(const std::string& key);

    /// Typed reads; throw std::out_of_range for an undeclared key and std::bad_variant_access
    /// for a value of another type (validation rules that out first). getFloat accepts ints.
    bool getBool(const std::string& key) const;
    std::int64_t getInt(const std::string& key) const;
    double getFloat(const std::string& key) const;
    const std::string& getString(const std::string& key) const;

    /// Only the explicitly set values, sorted by key.
    const std::map<std::string, ConfigValue>& setValues() const { return m_values; }
    /// The set values' keys that do not apply to this config's model family and data kind
    /// (`model.kernel_size` once `model.name` is `mlp`), sorted.
    std::vector<std::string> inactiveKeys() const;

    friend bool operator==(const Config& a, const Config& b) { return a.m_values == b.m_values; }

private:
    const Schema* m_schema;
    std::map<std::string, ConfigValue> m_values;
};

} // namespace tb::engine
