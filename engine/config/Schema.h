// The set of fields an experiment config may hold, and the rules that tie them together.
#pragma once

#include "engine/config/ConfigIssue.h"
#include "engine/config/FieldSpec.h"

#include <functional>
#include <string_view>
#include <vector>

namespace tb::engine {

class Config;

/// Declared fields (in display order) plus cross-field rules. Immutable once built; safe to
/// read from any thread.
///
/// Example:
/// ```
/// Schema s;
/// s.add(FieldSpec{"train.epochs", FieldType::Int, std::int64_t{3}}.min(1).help("Passes"));
/// s.addRule([](const Config& c, ConfigIssues& out) { ... });
/// ```
class Schema {
public:
    /// A cross-field check; appends to `out` what it finds.
    using Rule = std::function<void(const Config& config, ConfigIssues& out)>;

    /// The field selecting the model family (`model.name`) and the data kind (`data.kind`).
    static constexpr std::string_view kModelKey = "model.name";
    static constexpr std::string_view kDataKindKey = "data.kind";

    /// Adds a field. A key may be declared once per model family / data kind (`model.d_model`
    /// for PatchTST and for Informer, with their own defaults); throws std::logic_error when
    /// the same key is declared twice for the same family and kind, when a key is both a field
    /// and a section (`train` and `train.epochs`), or when the default contradicts the type,
    /// range or choices.
    void add(FieldSpec spec);
    void addRule(Rule rule);

    /// The first declaration of `key`, or nullptr when no family declares it.
    const FieldSpec* find(std::string_view key) const;
    /// The declaration of `key` that applies to this config, or nullptr.
    const FieldSpec* findActive(std::string_view key, const Config& config) const;
    const std::vector<FieldSpec>& fields() const { return m_fields; }
    const std::vector<Rule>& rules() const { return m_rules; }

    /// Whether `field` applies given this config's model family and data kind.
    bool isActive(const FieldSpec& field, const Config& config) const;
    /// The fields that apply to this config, in declaration order; one (findActive's) per key.
    std::vector<const FieldSpec*> activeFields(const Config& config) const;

private:
    std::vector<FieldSpec> m_fields;
    std::vector<Rule> m_rules;
};

} // namespace tb::engine
