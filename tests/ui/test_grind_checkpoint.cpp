// The grind's checkpoint and its pause/resume: the checkpoint file is 0600 and round-trips; a
// paused grind's counts carry into the resumed job; a grind resumed from a checkpoint (as after
// a crash) continues its attempts, elapsed time and best key, whose sealed secret opens.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/core/os_random.h"
#include "engine/format/address.h"
#include "ui/models/grind_checkpoint.h"
#include "ui/models/search_model.h"
#include "ui/store/private_file.h"

using namespace vanikeys;
using namespace vanikeys::ui;

namespace {

EngineEntry cpu_engine() {
    for (const EngineEntry& e : local_engine_entries())
        if (e.id == QStringLiteral("cpu")) return e;
    return {};
}

// A pattern that will not be found in a test's few seconds.
PatternAnalysisPtr hard_pattern() {
    return analyse_pattern(PatternInput{QStringLiteral("zzzzzzzz"), KeyFormat::DidKey,
                                        PatternOptions{MatchMode::Contains, false, false}});
}

} // namespace

class TestGrindCheckpoint : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<GrindSample>(); qRegisterMetaType<GrindState>(); }

    void checkpoint_round_trip() {
        QTemporaryDir dir;
        const std::filesystem::path path = QDir(dir.path()).filePath(QStringLiteral("cp/grind.json")).toStdString();
        auto cipher = KeyCipher::generate();
        const SecretKey secret = random_secret_key();
        GrindCheckpoint c;
        c.pattern = "GO BE";
        c.format = KeyFormat::Npub;
        c.options = PatternOptions{MatchMode::Sequence, true, true};
        c.engine_id = "cpu";
        c.attempts = (std::uint64_t{1} << 60) + 7;  // beyond a double's exact range
        c.seconds = 1234.5;
        CheckpointBest best;
        best.address = "npub1xyz";
        best.public_key_hex = "02aa";
        best.matched_chars = 3;
        best.total_chars = 4;
        best.words_matched = 1;
        best.matches = {{5, 7}, {9, 10}};
        best.attempts = 99;
        best.sealed_key = (*cipher)->seal(secret);
        c.best = best;
        QVERIFY(save_checkpoint(path, c));
        QCOMPARE(file_mode(path), 0600);
        auto loaded = load_checkpoint(path);
        QVERIFY(loaded && loaded->has_value());
        const GrindCheckpoint& l = **loaded;
        QCOMPARE(l.pattern, c.pattern);
        QCOMPARE(l.format, c.format);
        QCOMPARE(l.options.mode, c.options.mode);
        QVERIFY(l.options.case_sensitive && l.options.fuzzy);
        QCOMPARE(l.attempts, c.attempts);
        QCOMPARE(l.seconds, c.seconds);
        QVERIFY(l.best);
        QCOMPARE(l.best->matches, best.matches);
        QCOMPARE(l.best->attempts, best.attempts);
        auto opened = (*cipher)->open(l.best->sealed_key);
        QVERIFY(opened && *opened == secret);
        // The secret is not in the file in any readable form.
        QFile file(QString::fromStdString(path.string()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(QByteArray::fromStdString(secret_hex(secret))));

        remove_checkpoint(path);
        auto none = load_checkpoint(path);
        QVERIFY(none && !none->has_value());
        // A damaged file is an error, not a silent fresh start.
        QVERIFY(write_private_file(path, "{not json"));
        QVERIFY(!load_checkpoint(path));
    }

    void pause_resume_keeps_counting() {
        QTemporaryDir dir;
        const std::filesystem::path path = QDir(dir.path()).filePath(QStringLiteral("grind.json")).toStdString();
        auto cipher = KeyCipher::generate();
        SearchModel model;
        model.set_store(nullptr, *cipher);
        model.set_checkpoint_path(path);
        model.set_checkpoint_interval_ms(300);
        QSignalSpy progress(&model, &SearchModel::progressed);
        QVERIFY(model.start(hard_pattern(), cpu_engine(), 1));
        QCOMPARE(model.state(), GrindState::Running);
        QTRY_VERIFY_WITH_TIMEOUT(model.attempts() > 0 && progress.count() >= 3, 10000);
        model.pause();
        QTRY_COMPARE_WITH_TIMEOUT(model.state(), GrindState::Paused, 5000);
        const std::uint64_t paused_attempts = model.attempts();
        const double paused_seconds = model.seconds();
        QVERIFY(paused_attempts > 0);
        // Paused: the checkpoint holds the counts.
        QTRY_VERIFY_WITH_TIMEOUT(std::filesystem::exists(path), 3000);
        QTRY_VERIFY_WITH_TIMEOUT(load_checkpoint(path)->value().attempts == paused_attempts, 3000);
        QTest::qWait(300);
        QCOMPARE(model.attempts(), paused_attempts);  // nothing counts while paused

        model.resume();
        QCOMPARE(model.state(), GrindState::Running);
        QTRY_VERIFY_WITH_TIMEOUT(model.attempts() > paused_attempts + 1000, 10000);
        QVERIFY(model.seconds() > paused_seconds);
        model.stop();
        QTRY_COMPARE_WITH_TIMEOUT(model.state(), GrindState::Idle, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!std::filesystem::exists(path), 3000);  // a stopped grind leaves none
    }

    // As after a crash: a fresh model resumes the checkpoint a previous one left.
    void resume_from_checkpoint_continues() {
        QTemporaryDir dir;
        const std::filesystem::path path = QDir(dir.path()).filePath(QStringLiteral("grind.json")).toStdString();
        auto cipher = KeyCipher::generate();
        GrindCheckpoint saved;
        {
            SearchModel first;
            first.set_store(nullptr, *cipher);
            first.set_checkpoint_path(path);
            first.set_checkpoint_interval_ms(200);
            QVERIFY(first.start(hard_pattern(), cpu_engine(), 1));
            QTRY_VERIFY_WITH_TIMEOUT(first.best().has_value() && first.attempts() > 10000, 10000);
            first.shut_down();  // what closing the app does
            QCOMPARE(first.state(), GrindState::Paused);
        }
        auto loaded = load_checkpoint(path);
        QVERIFY(loaded && loaded->has_value());
        saved = **loaded;
        QVERIFY(saved.attempts > 10000);
        QVERIFY(saved.best && !saved.best->sealed_key.empty());
        // The best key's sealed secret opens and gives the recorded address.
        auto secret = (*cipher)->open(saved.best->sealed_key);
        QVERIFY(secret);
        auto verified = verify_secret(KeyFormat::DidKey, *secret);
        QCOMPARE(verified->address, saved.best->address);

        SearchModel second;
        second.set_store(nullptr, *cipher);
        second.set_checkpoint_path(path);
        QVERIFY(second.resume_from(saved, hard_pattern(), cpu_engine(), 1));
        QCOMPARE(second.attempts(), saved.attempts);
        QVERIFY(second.best() && second.best()->matched_chars >= saved.best->matched_chars);
        QTRY_VERIFY_WITH_TIMEOUT(second.attempts() > saved.attempts + 1000, 10000);
        QVERIFY(second.seconds() > saved.seconds);
        second.stop();
        QTRY_COMPARE_WITH_TIMEOUT(second.state(), GrindState::Idle, 5000);
    }
};

QTEST_GUILESS_MAIN(TestGrindCheckpoint)
#include "test_grind_checkpoint.moc"
