// Relative paths in configs the GUI loads name the same files as the CLI's: presets from the
// combo resolve against their folder on disk, files against their own folder.
#include "UiTestHelpers.h"
#include "engine/config/ConfigYaml.h"
#include "engine/training/ExperimentSchema.h"
#include "ui/config/ConfigDocument.h"
#include "ui/config/ConfigEditor.h"
#include "ui/config/YamlEditor.h"
#include "ui/util/Format.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QPlainTextEdit>
#include <QtTest>

using namespace tb::ui;

namespace {

const char* const kPresetDirVariable = "TRAINBENCH_PRESET_DIR";
const QString kEttPreset = QStringLiteral("dlinear-etth1-96");
// The preset's own data.path, relative to its file.
const QString kEttRelativePath = QStringLiteral("../../../shared/data/ett/ETTh1.csv");

} // namespace

class TestConfigPaths : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_savedVariable;
    bool m_hadVariable = false;
    std::unique_ptr<ConfigDocument> m_document;
    std::unique_ptr<ConfigEditor> m_editor;

    QString value(const std::string& key) const {
        return toQString(m_document->config().getString(key));
    }

    QString yamlText() const { return m_editor->yamlEditor()->textEdit()->toPlainText(); }

    // As a click on the preset combo does; true once the preset is the config.
    bool pickPreset(const QString& name) {
        auto* combo = m_editor->findChild<QComboBox*>(QStringLiteral("presetCombo"));
        const int index = combo ? combo->findText(name) : -1;
        if (index < 0)
            return false;
        combo->setCurrentIndex(index);
        Q_EMIT combo->activated(index);
        return m_document->origin() == name;
    }

private Q_SLOTS:
    void initTestCase() {
        tb::test::useTemporarySettings(m_dir);
        m_hadVariable = qEnvironmentVariableIsSet(kPresetDirVariable);
        m_savedVariable = qgetenv(kPresetDirVariable);
    }

    void init() {
        qunsetenv(kPresetDirVariable);
        m_document = std::make_unique<ConfigDocument>();
        m_editor = std::make_unique<ConfigEditor>(*m_document);
    }

    void cleanup() {
        m_editor.reset();
        m_document.reset();
    }

    void cleanupTestCase() {
        if (m_hadVariable)
            qputenv(kPresetDirVariable, m_savedVariable);
        else
            qunsetenv(kPresetDirVariable);
    }

    void comboOffersEveryShippedPreset() {
        auto* combo = m_editor->findChild<QComboBox*>(QStringLiteral("presetCombo"));
        QVERIFY(combo);
        const QStringList shipped =
            QDir(TB_PRESET_DIR).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
        QVERIFY(shipped.contains(kEttPreset + ".yaml"));
        for (const QString& file : shipped) {
            // ui/CMakeLists.txt embeds every file of the folder.
            QVERIFY2(combo->findText(QFileInfo(file).completeBaseName()) >= 0, qPrintable(file));
        }
    }

    void presetFromTheComboNamesTheSharedFile() {
        const QString shared = QDir::cleanPath(TB_SHARED_DATA_DIR "/ett/ETTh1.csv");
        if (!QFile::exists(shared))
            QSKIP(qPrintable(shared + " is missing: the shared ETT data lies beside the repo"));
        QVERIFY2(pickPreset(kEttPreset), qPrintable(m_document->issuesText()));
        const QString path = value("data.path");
        QVERIFY2(QDir::isAbsolutePath(path), qPrintable(path));
        QVERIFY2(QFile::exists(path), qPrintable(path));
        QCOMPARE(path, shared);
        // The YAML view shows the path that training opens and the run records.
        QVERIFY2(yamlText().contains("path: " + path), qPrintable(yamlText()));
    }

    void presetPathsMatchTheClis() {
        QVERIFY2(pickPreset(kEttPreset), qPrintable(m_document->issuesText()));
        const std::string presetFile =
            QDir(TB_PRESET_DIR).filePath(kEttPreset + ".yaml").toStdString();
        const tb::engine::ConfigParseResult cli =
            tb::engine::loadConfigFile(presetFile, tb::engine::experimentSchema());
        QVERIFY2(cli.issues.empty(), tb::engine::formatIssues(cli.issues).c_str());
        QCOMPARE(value("data.path"), toQString(cli.config.getString("data.path")));
    }

    void presetResolvesAgainstTheFirstFolderHoldingIt() {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        // Three levels down, as resources/presets is in the repository beside shared/.
        const QString presets = root.filePath("repo/resources/presets");
        QVERIFY(QDir().mkpath(presets));
        QVERIFY(tb::test::writeText(presets + '/' + kEttPreset + ".yaml",
                                    "# shadows the shipped one\n"));
        qputenv(kPresetDirVariable, presets.toLocal8Bit());
        QVERIFY2(pickPreset(kEttPreset), qPrintable(m_document->issuesText()));
        // The text is the built-in one; only its folder comes from disk.
        QCOMPARE(toQString(m_document->config().getString("model.name")),
                 QStringLiteral("dlinear"));
        QCOMPARE(value("data.path"), root.filePath("shared/data/ett/ETTh1.csv"));
    }

    void resourceWithoutAFolderKeepsItsPaths() {
        QVERIFY(m_document->loadFile(":/presets/" + kEttPreset + ".yaml"));
        QCOMPARE(value("data.path"), kEttRelativePath);
    }

    void fileResolvesAgainstItsFolder_data() {
        QTest::addColumn<QString>("written");
        QTest::addColumn<QString>("expected"); ///< relative to the temporary folder

        QTest::newRow("beside") << "series.csv"
                                << "configs/series.csv";
        QTest::newRow("up and over") << "../data/series.csv"
                                     << "data/series.csv";
        QTest::newRow("absolute") << "/srv/series.csv"
                                  << "/srv/series.csv";
    }

    void fileResolvesAgainstItsFolder() {
        QFETCH(QString, written);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath("configs"));
        const QString file = dir.filePath("configs/experiment.yaml");
        QVERIFY(
            tb::test::writeText(file, "data:\n  kind: csv\n  path: " + written.toUtf8() + "\n"));

        QVERIFY2(m_document->loadFile(file), qPrintable(m_document->issuesText()));
        QCOMPARE(value("data.path"), QDir::cleanPath(QDir(dir.path()).filePath(expected)));
        QCOMPARE(m_document->origin(), QStringLiteral("experiment"));
        QVERIFY2(yamlText().contains("path: " + value("data.path")), qPrintable(yamlText()));
    }

    void clonedRunKeepsItsAbsolutePaths() {
        m_editor->cloneRunConfig(3, "data:\n  kind: csv\n  path: /srv/data/series.csv\n");
        QCOMPARE(m_document->origin(), QStringLiteral("run 3"));
        QCOMPARE(value("data.path"), QStringLiteral("/srv/data/series.csv"));
    }

    void unknownPresetIsReported() {
        QVERIFY(!m_editor->loadPreset("no-such-preset"));
        QVERIFY2(m_document->issuesText().contains("no-such-preset"),
                 qPrintable(m_document->issuesText()));
    }
};

QTEST_MAIN(TestConfigPaths)
#include "tst_configpaths.moc"
