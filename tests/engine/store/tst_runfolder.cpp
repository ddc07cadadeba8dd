// A new run's folder beside the workspace starts empty: whatever an earlier workspace of the
// same name left at its path is moved aside, never deleted or mixed in.
#include "engine/store/RunFolder.h"

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <iterator>

using namespace tb::engine;
namespace fs = std::filesystem;

namespace {

std::string readText(const fs::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

class TestRunFolder : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    fs::path path(const char* name) const { return fs::path(m_dir.path().toStdString()) / name; }

private Q_SLOTS:
    void liesBesideTheWorkspace() {
        QCOMPARE(runFolder("/data/runs.db", 7).generic_string(),
                 std::string("/data/runs.db.artifacts/run-7"));
    }

    void anAbsentOrEmptyFolderIsLeftAlone() {
        const fs::path folder = path("fresh.db.artifacts/run-1");
        QCOMPARE(setAsideEarlierFiles(folder), std::string());
        fs::create_directories(folder);
        QCOMPARE(setAsideEarlierFiles(folder), std::string());
        QVERIFY(fs::is_directory(folder));
    }

    void earlierFilesMoveToTheNextFreeName() {
        const fs::path folder = path("reused.db.artifacts/run-1");
        for (const char* content : {"first\n", "second\n"}) {
            fs::create_directories(folder);
            std::ofstream(folder / "best.pt") << content;
            QVERIFY(!setAsideEarlierFiles(folder).empty());
            QVERIFY(!fs::exists(folder));
        }
        QCOMPARE(readText(folder.string() + ".earlier/best.pt"), std::string("first\n"));
        QCOMPARE(readText(folder.string() + ".earlier-2/best.pt"), std::string("second\n"));
    }

    void aFileWhereTheFolderGoesMovesAsideToo() {
        const fs::path folder = path("clash.db.artifacts/run-1");
        fs::create_directories(folder.parent_path());
        std::ofstream(folder) << "not a folder\n";
        const std::string aside = setAsideEarlierFiles(folder);
        QCOMPARE(aside, folder.string() + ".earlier");
        QCOMPARE(readText(aside), std::string("not a folder\n"));
        QVERIFY(fs::create_directories(folder));
    }
};

QTEST_GUILESS_MAIN(TestRunFolder)
#include "tst_runfolder.moc"
