// A realistic schema and small helpers shared by the config tests.
#pragma once

#include "engine/config/Config.h"
#include "engine/config/ConfigIssue.h"
#include "engine/config/Schema.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <functional>

namespace tb::engine::test {

/// Every field type, `model.hidden` declared for both `mlp` and `cnn` with other defaults,
/// `model.channels` only for `cnn`, `data.root` only for `idx` data, `data.target` only for
/// `csv`, and a rule tying early stopping to the validation split.
const Schema& testSchema();

/// `type value` with the exact text of the value (`int 5`, `float 0.1`, `string 'yes'`), so a
/// comparison checks the type too and a failure shows both sides.
QString describe(const ConfigValue& value);

/// `describe` of the config's effective value of every active field, one `key = ...` per line.
QString effectiveValues(const Config& config);

/// The issues as `field: message` strings.
QStringList issueLines(const ConfigIssues& issues);

/// Whether any issue is on `field` and contains `messagePart`.
bool hasIssue(const ConfigIssues& issues, const QString& field, const QString& messagePart);

/// Declares fields into a schema; a `_data()` column type for schema-building cases.
using SchemaBuilder = std::function<void(Schema&)>;

} // namespace tb::engine::test

Q_DECLARE_METATYPE(tb::engine::ConfigValue)
Q_DECLARE_METATYPE(tb::engine::test::SchemaBuilder)
