// presetFolders and findPresetFile: where the CLI and the GUI find preset files on disk.
#include "engine/config/PresetFolders.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tb::engine;

namespace {

const char* const kPresetDirVariable = "TRAINBENCH_PRESET_DIR";
const QString kShippedPreset = QStringLiteral("dlinear-etth1-96");

QString text(const std::filesystem::path& path) {
    return QString::fromStdString(path.string());
}

bool writeFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write("seed: 1\n") > 0;
}

} // namespace

class TestPresetFolders : public QObject {
    Q_OBJECT

private:
    QByteArray m_savedVariable;
    bool m_hadVariable = false;

private Q_SLOTS:
    void initTestCase() {
        m_hadVariable = qEnvironmentVariableIsSet(kPresetDirVariable);
        m_savedVariable = qgetenv(kPresetDirVariable);
        QVERIFY2(QFile::exists(QDir(TB_PRESET_DIR).filePath(kShippedPreset + ".yaml")),
                 "the source tree's presets are missing");
    }

    void init() { qunsetenv(kPresetDirVariable); }

    void cleanupTestCase() {
        if (m_hadVariable)
            qputenv(kPresetDirVariable, m_savedVariable);
        else
            qunsetenv(kPresetDirVariable);
    }

    void aBuildTreeProgramReadsTheSourceTree() {
        const auto folders = presetFolders();
        QCOMPARE(folders.size(), std::size_t{1});
        QCOMPARE(text(folders.front()), QStringLiteral(TB_PRESET_DIR));
    }

    void emptyVariableIsIgnored() {
        qputenv(kPresetDirVariable, "");
        QCOMPARE(presetFolders().size(), std::size_t{1});
        QCOMPARE(text(presetFolders().front()), QStringLiteral(TB_PRESET_DIR));
    }

    void variableComesFirst() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        qputenv(kPresetDirVariable, dir.path().toLocal8Bit());
        const auto folders = presetFolders();
        QCOMPARE(folders.size(), std::size_t{2});
        QCOMPARE(text(folders[0]), dir.path());
        QCOMPARE(text(folders[1]), QStringLiteral(TB_PRESET_DIR));
    }

    void findsAPresetInTheVariablesFolder() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeFile(dir.filePath("mine.yaml")));
        qputenv(kPresetDirVariable, dir.path().toLocal8Bit());
        QCOMPARE(text(findPresetFile("mine")), dir.filePath("mine.yaml"));
    }

    void firstFolderHoldingThePresetWins() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        qputenv(kPresetDirVariable, dir.path().toLocal8Bit());
        const QString shipped = QDir(TB_PRESET_DIR).filePath(kShippedPreset + ".yaml");
        QCOMPARE(text(findPresetFile(kShippedPreset.toStdString())), shipped);

        QVERIFY(writeFile(dir.filePath(kShippedPreset + ".yaml")));
        QCOMPARE(text(findPresetFile(kShippedPreset.toStdString())),
                 dir.filePath(kShippedPreset + ".yaml"));
    }

    void aFolderNamedLikeAPresetIsSkipped() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkdir("folder.yaml"));
        qputenv(kPresetDirVariable, dir.path().toLocal8Bit());
        QVERIFY(findPresetFile("folder").empty());
    }

    void theListHasEveryPresetOnceAsFindingSeesIt() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeFile(dir.filePath(kShippedPreset + ".yaml")));
        QVERIFY(writeFile(dir.filePath("aaa-mine.yaml")));
        QVERIFY(writeFile(dir.filePath("notes.txt")));
        QVERIFY(QDir(dir.path()).mkdir("folder.yaml"));
        qputenv(kPresetDirVariable, dir.path().toLocal8Bit());

        const std::vector<PresetFile> presets = listPresetFiles();
        const auto shippedCount = QDir(TB_PRESET_DIR).entryList({"*.yaml"}, QDir::Files).size();
        QCOMPARE(presets.size(), static_cast<std::size_t>(shippedCount + 1));
        QCOMPARE(QString::fromStdString(presets.front().name), QStringLiteral("aaa-mine"));
        for (std::size_t i = 1; i < presets.size(); ++i)
            QVERIFY(presets[i - 1].name < presets[i].name);
        for (const PresetFile& preset : presets)
            QCOMPARE(text(preset.path), text(findPresetFile(preset.name)));
    }

    void unknownNameFindsNothing() { QVERIFY(findPresetFile("no-such-preset").empty()); }
};

QTEST_GUILESS_MAIN(TestPresetFolders)
#include "tst_presetfolders.moc"
