// JobStore and FileSecretStore: jobs survive a restart, files are 0600 and written atomically,
// duplicate results merge to one, final states stick, damaged files are never overwritten.
#include <QtTest>

#include <sys/stat.h>

#include <fstream>

#include "cloud/store/job_store.h"
#include "cloud/store/secret_store.h"
#include "cloud_test_data.h"

using namespace vanikeys;
using namespace vanikeys::cloud;
using namespace vanikeys::cloud::testdata;

namespace {

StoredJob stored(const std::string& ref) {
    StoredJob j;
    j.handle = JobHandle{"runpod", "abc123xyz", "job-" + ref, ref};
    j.job = grind_job(ref);
    j.secret_ref = ref;
    j.submitted_at = 1'900'000'000;
    j.updated_at = j.submitted_at;
    return j;
}

unsigned mode_of(const std::filesystem::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 0777;
}

std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
}

} // namespace

class TestJobStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jobsSurviveARestart() {
        QTemporaryDir dir;
        const std::filesystem::path path = dir.path().toStdString();
        {
            auto store = JobStore::open(path);
            QVERIFY(store.ok());
            QVERIFY((*store)->add(stored("vk-a")).ok());
            QVERIFY((*store)->add(stored("vk-b")).ok());
            JobUpdate running;
            running.state = JobState::Running;
            running.timings.queue_seconds = 12.5;
            running.progress = {progress_line(grind_job("vk-a"), 1000, 2)};
            QVERIFY((*store)->apply("vk-a", running, 1'900'000'100).ok());
        }
        auto reopened = JobStore::open(path);
        QVERIFY(reopened.ok());
        const std::vector<StoredJob> jobs = (*reopened)->list();
        QCOMPARE(jobs.size(), std::size_t(2));
        QCOMPARE(jobs[0].state, JobState::Running);
        QCOMPARE(jobs[0].timings.queue_seconds, std::optional<double>(12.5));
        QCOMPARE(jobs[0].last_progress->attempts, std::uint64_t(1000));
        QVERIFY(jobs[0].job == grind_job("vk-a"));
        QCOMPARE(jobs[0].updated_at, std::int64_t(1'900'000'100));
        QCOMPARE((*reopened)->pending().size(), std::size_t(2));
        QCOMPARE(mode_of(path / "jobs.json"), 0600u);
        QCOMPARE(mode_of(path), 0700u);
    }

    void duplicateResultsAreHarmless() {
        QTemporaryDir dir;
        auto store = JobStore::open(dir.path().toStdString());
        QVERIFY((*store)->add(stored("vk-test-1")).ok());
        JobUpdate done;
        done.state = JobState::Completed;
        done.result = found_result(grind_job());
        QVERIFY((*store)->apply("vk-test-1", done, 1).ok());
        QVERIFY((*store)->apply("vk-test-1", done, 2).ok());
        const StoredJob j = *(*store)->find("vk-test-1");
        QCOMPARE(j.result->hits.size(), std::size_t(1));
        QVERIFY(j.result.value() == found_result(grind_job()));

        // A second, different hit (another fan-out report) is added, not lost.
        JobUpdate more = done;
        WireHit other = honest_hit();
        other.partial.endo = 1;
        other.public_key = bytes<33>(kK12Endo1Hex);
        more.result->hits = {other};
        QVERIFY((*store)->apply("vk-test-1", more, 3).ok());
        QCOMPARE((*store)->find("vk-test-1")->result->hits.size(), std::size_t(2));
        QCOMPARE((*store)->pending().size(), std::size_t(1));  // completed, not yet collected
        QVERIFY((*store)->mark_collected("vk-test-1").ok());
        QCOMPARE((*store)->pending().size(), std::size_t(0));
    }

    void finalStatesStick() {
        QTemporaryDir dir;
        auto store = JobStore::open(dir.path().toStdString());
        QVERIFY((*store)->add(stored("vk-a")).ok());
        JobUpdate cancelled;
        cancelled.state = JobState::Cancelled;
        QVERIFY((*store)->apply("vk-a", cancelled, 1).ok());
        JobUpdate late;  // a stale poll that raced the cancel
        late.state = JobState::Running;
        QCOMPARE((*store)->apply("vk-a", late, 2).value().state, JobState::Cancelled);
    }

    void duplicateRefsAndUnknownJobsAreRefused() {
        QTemporaryDir dir;
        auto store = JobStore::open(dir.path().toStdString());
        QVERIFY((*store)->add(stored("vk-a")).ok());
        QVERIFY(!(*store)->add(stored("vk-a")).ok());
        QVERIFY(!(*store)->apply("vk-zz", JobUpdate{}, 1).ok());
        QVERIFY(!(*store)->add(stored("../evil")).ok());
    }

    void twoHandlesOnOneDirectoryShareTheFile() {
        QTemporaryDir dir;
        auto app = JobStore::open(dir.path().toStdString());
        auto cli = JobStore::open(dir.path().toStdString());
        QVERIFY((*app)->add(stored("vk-a")).ok());
        QVERIFY((*cli)->add(stored("vk-b")).ok());  // re-reads first: vk-a is kept
        QVERIFY((*app)->refresh().ok());
        QCOMPARE((*app)->list().size(), std::size_t(2));
    }

    void damagedFileFallsBackToTheBackup() {
        QTemporaryDir dir;
        const std::filesystem::path path = dir.path().toStdString();
        {
            auto store = JobStore::open(path);
            QVERIFY((*store)->add(stored("vk-a")).ok());
            QVERIFY((*store)->add(stored("vk-b")).ok());  // the backup now holds vk-a
        }
        write(path / "jobs.json", "{\"format\": \"vanikeys-cloud-jobs\", \"jobs\": [tru");
        auto store = JobStore::open(path);
        QVERIFY2(store.ok(), store.ok() ? "" : store.error().message.c_str());
        QVERIFY((*store)->recovery_note().has_value());
        QCOMPARE((*store)->list().size(), std::size_t(1));
        bool kept = false;
        for (const auto& entry : std::filesystem::directory_iterator(path))
            if (entry.path().filename().string().rfind("jobs.json.corrupt-", 0) == 0)
                kept = read(entry.path()).find("[tru") != std::string::npos;
        QVERIFY(kept);
    }

    void damagedFileWithoutBackupIsLeftAlone_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("not json") << "garbage";
        QTest::newRow("other format") << R"({"format":"x","version":1,"jobs":[]})";
        QTest::newRow("newer version") << R"({"format":"vanikeys-cloud-jobs","version":9,"jobs":[]})";
        QTest::newRow("missing field") << R"({"format":"vanikeys-cloud-jobs","version":1,"jobs":[{"provider":"runpod"}]})";
    }
    void damagedFileWithoutBackupIsLeftAlone() {
        QFETCH(QString, text);
        QTemporaryDir dir;
        const std::filesystem::path path = dir.path().toStdString();
        write(path / "jobs.json", text.toStdString());
        auto store = JobStore::open(path);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().kind, CloudErrorKind::Storage);
        QVERIFY(store.error().message.find("nothing was changed") != std::string::npos);
        QCOMPARE(QString::fromStdString(read(path / "jobs.json")), text);
    }

    void serializationRoundTrips() {
        StoredJob j = stored("vk-rt");
        j.state = JobState::Completed;
        j.timings = {3.25, 61.5};
        j.last_progress = progress_line(grind_job("vk-rt"), 77, 7);
        WorkerResult r = found_result(grind_job("vk-rt"));
        j.result = r;
        j.error = "e";
        j.rejection = "r";
        j.group = "grp-1";
        j.collected = true;
        const auto back = parse_jobs(serialize_jobs({j}));
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QVERIFY(back->at(0) == j);
    }

    void secretsLiveInPrivateFiles() {
        QTemporaryDir dir;
        const std::filesystem::path path = std::filesystem::path(dir.path().toStdString()) / "secrets";
        FileSecretStore secrets(path);
        SecretKey d;
        for (std::size_t i = 0; i < SecretKey::kSize; ++i) d.mutable_bytes()[i] = static_cast<std::uint8_t>(i + 1);
        QVERIFY(secrets.put("vk-a", d).ok());
        QCOMPARE(mode_of(secrets.path_for("vk-a")), 0600u);
        QCOMPARE(mode_of(path), 0700u);
        CloudResult<SecretKey> back = secrets.get("vk-a");
        QVERIFY(back.ok());
        QVERIFY(back.value() == d);
        QVERIFY(!secrets.get("vk-missing").ok());
        QVERIFY(!secrets.put("../x", d).ok());
        write(secrets.path_for("vk-bad"), "xyz");
        QCOMPARE(secrets.get("vk-bad").error().kind, CloudErrorKind::Storage);
        QVERIFY(secrets.remove("vk-a").ok());
        QVERIFY(!std::filesystem::exists(secrets.path_for("vk-a")));
    }
};

QTEST_GUILESS_MAIN(TestJobStore)
#include "test_job_store.moc"
