// Values and issues as text, and the "did you mean" matcher.
#include "TestSchemaHelpers.h"
#include "engine/config/ConfigYaml.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace tb::engine;
using namespace tb::engine::test;

namespace {
using I = std::int64_t;
} // namespace

class TestConfigText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void toStringShowsValuesAsYaml_data();
    void toStringShowsValuesAsYaml();
    void formatIssuesWritesOneLineEach();
    void closestMatchSuggestsNearCandidates_data();
    void closestMatchSuggestsNearCandidates();
};

void TestConfigText::toStringShowsValuesAsYaml_data() {
    QTest::addColumn<ConfigValue>("value");
    QTest::addColumn<QString>("text");

    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("true") << ConfigValue{true} << "true";
    QTest::newRow("false") << ConfigValue{false} << "false";
    QTest::newRow("int") << ConfigValue{I{128}} << "128";
    QTest::newRow("negative int") << ConfigValue{I{-5}} << "-5";
    QTest::newRow("int64 min") << ConfigValue{std::numeric_limits<I>::min()}
                               << "-9223372036854775808";
    QTest::newRow("0.001") << ConfigValue{0.001} << "0.001";
    QTest::newRow("0.1") << ConfigValue{0.1} << "0.1";
    QTest::newRow("0.0001 stays fixed") << ConfigValue{0.0001} << "0.0001";
    QTest::newRow("1e-5 turns scientific") << ConfigValue{1e-5} << "1.0e-05";
    QTest::newRow("1e15 stays fixed") << ConfigValue{1e15} << "1000000000000000.0";
    QTest::newRow("1e16 turns scientific") << ConfigValue{1e16} << "1.0e+16";
    QTest::newRow("whole float keeps a dot") << ConfigValue{3.0} << "3.0";
    QTest::newRow("negative zero") << ConfigValue{-0.0} << "-0.0";
    QTest::newRow("1e-7") << ConfigValue{1e-7} << "1.0e-07";
    QTest::newRow("1.5e-7") << ConfigValue{1.5e-7} << "1.5e-07";
    QTest::newRow("1e20") << ConfigValue{1e20} << "1.0e+20";
    QTest::newRow("third") << ConfigValue{1.0 / 3.0} << "0.3333333333333333";
    QTest::newRow("inf") << ConfigValue{inf} << ".inf";
    QTest::newRow("-inf") << ConfigValue{-inf} << "-.inf";
    QTest::newRow("nan") << ConfigValue{std::nan("")} << ".nan";
    QTest::newRow("string") << ConfigValue{std::string{"adamw"}} << "adamw";
    QTest::newRow("string kept verbatim") << ConfigValue{std::string{"a: b"}} << "a: b";
}

void TestConfigText::toStringShowsValuesAsYaml() {
    QFETCH(ConfigValue, value);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(toString(value)), text);
}

void TestConfigText::formatIssuesWritesOneLineEach() {
    QCOMPARE(QString::fromStdString(formatIssues({})), QString());
    const ConfigIssues issues{{"train.batch_size", "must be at least 1 (got 0)"},
                              {"", "config file 'x.yaml': YAML syntax error at line 2, column 3"}};
    QCOMPARE(QString::fromStdString(formatIssues(issues)),
             QString("train.batch_size: must be at least 1 (got 0)\n"
                     "config file 'x.yaml': YAML syntax error at line 2, column 3\n"));
}

void TestConfigText::closestMatchSuggestsNearCandidates_data() {
    QTest::addColumn<QString>("word");
    QTest::addColumn<QStringList>("candidates");
    QTest::addColumn<QString>("match");

    const QStringList keys{"train.epochs", "train.batch_size", "optim.lr", "optim.name"};
    const QStringList optimizers{"sgd", "adam", "adamw"};
    QTest::newRow("missing letter") << "train.epoch" << keys << "train.epochs";
    QTest::newRow("swapped letters") << "optim.nmae" << keys << "optim.name";
    QTest::newRow("exact") << "optim.lr" << keys << "optim.lr";
    QTest::newRow("tie picks the first") << "adamx" << optimizers << "adam";
    QTest::newRow("nothing close") << "colour" << keys << "";
    QTest::newRow("short word, 2 edits") << "ab" << QStringList{"xy"} << "xy";
    QTest::newRow("short word, 3 edits") << "abc" << QStringList{"xyz"} << "";
    QTest::newRow("12 letters, 4 edits")
        << "abcdefghijkl" << QStringList{"wxyzefghijkl"} << "wxyzefghijkl";
    QTest::newRow("12 letters, 5 edits") << "abcdefghijkl" << QStringList{"vwxyzfghijkl"} << "";
    QTest::newRow("empty word") << "" << QStringList{"a"} << "";
    QTest::newRow("no candidates") << "train" << QStringList{} << "";
}

void TestConfigText::closestMatchSuggestsNearCandidates() {
    QFETCH(QString, word);
    QFETCH(QStringList, candidates);
    QFETCH(QString, match);

    std::vector<std::string> list;
    for (const QString& candidate : candidates)
        list.push_back(candidate.toStdString());
    QCOMPARE(QString::fromStdString(closestMatch(word.toStdString(), list)), match);
}

QTEST_GUILESS_MAIN(TestConfigText)
#include "tst_configtext.moc"
