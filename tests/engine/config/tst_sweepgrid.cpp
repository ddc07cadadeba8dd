// The sweep grid: reading `key=v1,v2`, every combination in order, and each one's config.
#include "TestSchemaHelpers.h"
#include "engine/config/SweepGrid.h"

#include <QTest>
#include <stdexcept>

using namespace tb::engine;
using namespace tb::engine::test;

namespace {

QStringList joined(const std::vector<std::vector<std::string>>& combinations) {
    QStringList out;
    for (const std::vector<std::string>& combination : combinations) {
        QStringList parts;
        for (const std::string& assignment : combination)
            parts << QString::fromStdString(assignment);
        out << parts.join(' ');
    }
    return out;
}

QString thrownBy(const std::function<void()>& call) {
    try {
        call();
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestSweepGrid : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsAnAxisDroppingSpaces() {
        const GridAxis axis = parseGridAxis(" train.batch_size = 64, 128 ,256");
        QCOMPARE(axis.key, std::string("train.batch_size"));
        QCOMPARE(axis.values, (std::vector<std::string>{"64", "128", "256"}));
    }

    void badAxesSayWhatToWrite_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("no equals") << "train.batch_size"
                                   << "write a field and its values";
        QTest::newRow("no key") << "=1,2"
                                << "write a field and its values";
        QTest::newRow("no values") << "seed="
                                   << "seed: no values after '='";
        QTest::newRow("repeated value") << "optim.lr=0.001, 0.01,0.001"
                                        << "optim.lr: 0.001 is listed twice";
        QTest::newRow("empty value") << "seed=1,,2"
                                     << "seed: an empty value";
        QTest::newRow("blank value") << "seed=1, "
                                     << "seed: an empty value";
    }
    void badAxesSayWhatToWrite() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const QString thrown = thrownBy([&] { parseGridAxis(text.toStdString()); });
        QVERIFY2(thrown.contains(message), qPrintable(thrown));
    }

    void firstAxisVariesSlowest() {
        const auto combinations =
            gridCombinations({{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}, {"c", {"only"}}});
        QCOMPARE(joined(combinations),
                 (QStringList{"a=1 b=x c=only", "a=1 b=y c=only", "a=1 b=z c=only",
                              "a=2 b=x c=only", "a=2 b=y c=only", "a=2 b=z c=only"}));
    }

    void aFieldTwiceIsRefused() {
        const QString thrown = thrownBy([] {
            gridCombinations({{"seed", {"1"}}, {"seed", {"2"}}});
        });
        QVERIFY2(thrown.contains("seed is in the grid twice"), qPrintable(thrown));
    }

    void namesAndTagsTellRunsApart() {
        QCOMPARE(sweepRunName("mlp", {"train.batch_size=64", "seed=2"}),
                 std::string("mlp (train.batch_size=64, seed=2)"));
        QCOMPARE(sweepBaseName("mlp (train.batch_size=64, seed=2)"), std::string("mlp"));
        QCOMPARE(sweepBaseName("cnn (v2) (seed=1)"), std::string("cnn (v2)"));
        for (const char* other : {"mlp", "cnn (v2)", "mlp (lr 0.1)", "mlp (=1)", "(seed=1)",
                                  "mlp (model.sizes=[1, 2])", "mlp (seed=1"})
            QCOMPARE(sweepBaseName(other), std::string(other));
        const std::string tag = sweepTag(std::time(nullptr));
        QVERIFY2(QString::fromStdString(tag).contains(QRegularExpression("^sweep-\\d{8}-\\d{6}$")),
                 tag.c_str());
    }

    void eachCombinationIsAppliedAndValidated() {
        Config base(testSchema());
        base.set("name", std::string("base"));
        base.set("train.epochs", std::int64_t{7});
        const std::vector<SweepRun> runs =
            expandSweep(base, {{"train.batch_size", {"32", "0"}}, {"optim.name", {"sgd", "adam"}}});
        QCOMPARE(runs.size(), std::size_t{4});

        QCOMPARE(runs[1].name, std::string("base (train.batch_size=32, optim.name=adam)"));
        QCOMPARE(runs[1].overrides,
                 (std::vector<std::string>{"train.batch_size=32", "optim.name=adam"}));
        QCOMPARE(runs[1].config.getInt("train.batch_size"), std::int64_t{32});
        QCOMPARE(runs[1].config.getString("optim.name"), std::string("adam"));
        QCOMPARE(runs[1].config.getInt("train.epochs"), std::int64_t{7}); // the base's own
        QVERIFY(runs[1].issues.empty());

        // Batch size 0 is out of range in both of its combinations, and only there.
        QVERIFY(runs[0].issues.empty());
        QVERIFY(hasIssue(runs[2].issues, "train.batch_size", "at least 1"));
        QVERIFY(hasIssue(runs[3].issues, "train.batch_size", "at least 1"));
    }

    void valuesThatCannotBeReadOrAreNotChoicesAreIssues() {
        const Config base(testSchema());
        const std::vector<SweepRun> unread = expandSweep(base, {{"train.epochs", {"five"}}});
        QVERIFY2(hasIssue(unread[0].issues, "train.epochs", "five"),
                 qPrintable(issueLines(unread[0].issues).join('\n')));
        const std::vector<SweepRun> models = expandSweep(base, {{"model.name", {"cnn", "rnn"}}});
        QVERIFY(models[0].issues.empty());
        QVERIFY2(hasIssue(models[1].issues, "model.name", "rnn"),
                 qPrintable(issueLines(models[1].issues).join('\n')));
    }

    void aGridOverTheModelKeepsEachModelsFields() {
        Config base(testSchema());
        base.set("model.name", std::string("cnn"));
        base.set("model.channels", std::int64_t{8}); // the CNN's alone
        base.set("model.hidden", std::int64_t{64});  // both models have one
        const std::vector<SweepRun> runs = expandSweep(base, {{"model.name", {"cnn", "mlp"}}});
        QVERIFY(runs[0].issues.empty());
        QCOMPARE(runs[0].config.getInt("model.channels"), std::int64_t{8});
        QVERIFY2(runs[1].issues.empty(), qPrintable(issueLines(runs[1].issues).join('\n')));
        QVERIFY(!runs[1].config.findSet("model.channels"));
        QCOMPARE(runs[1].config.getInt("model.hidden"), std::int64_t{64});

        // A value the grid itself gives a model that lacks the field is named, not dropped.
        const std::vector<SweepRun> mixed =
            expandSweep(base, {{"model.name", {"cnn", "mlp"}}, {"model.channels", {"16"}}});
        QVERIFY(mixed[0].issues.empty());
        QVERIFY(hasIssue(mixed[1].issues, "model.channels", "not a parameter of model 'mlp'"));
    }

    void aModelGridNamesEachRunAfterItsModel() {
        Config base(testSchema());
        base.set("name", std::string("CNN-mnist_small"));
        base.set("model.name", std::string("cnn"));
        const std::vector<SweepRun> runs =
            expandSweep(base, {{"model.name", {"cnn", "mlp"}}, {"seed", {"1"}}});
        QCOMPARE(runs[0].name, std::string("CNN-mnist_small (model.name=cnn, seed=1)"));
        QCOMPARE(runs[1].name, std::string("mlp-mnist_small (model.name=mlp, seed=1)"));

        // Only whole words: "cnnish" is not the model's name.
        base.set("name", std::string("cnnish"));
        QCOMPARE(expandSweep(base, {{"model.name", {"mlp"}}})[0].name,
                 std::string("cnnish (model.name=mlp)"));
    }

    void anInvalidBaseStaysInvalidWithoutAModelGrid() {
        Config base(testSchema());
        base.set("model.channels", std::int64_t{8}); // not the MLP's
        const std::vector<SweepRun> runs = expandSweep(base, {{"seed", {"1"}}});
        QVERIFY(hasIssue(runs[0].issues, "model.channels", "not a parameter"));
    }

    void anUnknownFieldIsNamed() {
        const Config base(testSchema());
        const std::vector<SweepRun> runs = expandSweep(base, {{"train.epoch", {"2"}}});
        QVERIFY(hasIssue(runs[0].issues, "train.epoch", "did you mean 'train.epochs'"));
    }
};

QTEST_GUILESS_MAIN(TestSweepGrid)
#include "tst_sweepgrid.moc"
