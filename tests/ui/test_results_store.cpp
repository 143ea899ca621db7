// The results store: files 0600, WAL and synchronous=FULL, sealed keys that open only under the
// right key, the no-keychain mode (a 0600 key file), and a key that survives SIGKILL right
// after the app reports it.
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/core/os_random.h"
#include "engine/format/address.h"
#include "engine/verify/key_verifier.h"
#include "ui/models/app_context.h"
#include "ui/store/key_vault.h"
#include "ui/store/private_file.h"
#include "ui/store/results_store.h"

using namespace vanikeys;
using namespace vanikeys::ui;

namespace {

FoundKeyRecord record_for(const SecretKey& secret, KeyFormat format) {
    auto verified = verify_secret(format, secret);
    FoundKeyRecord r;
    r.format = format;
    r.address = verified->address;
    r.public_key_hex = public_key_hex(verified->public_key);
    r.pattern = "ab";
    r.mode = "contains";
    r.matched_chars = 2;
    r.total_chars = 2;
    r.words_matched = 1;
    r.exact = true;
    r.matches = {{20, 22}};
    r.attempts = 12345;
    r.seconds = 0.5;
    return r;
}

} // namespace

class TestResultsStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cipher_round_trip_and_wrong_key() {
        auto a = KeyCipher::generate();
        auto b = KeyCipher::generate();
        QVERIFY(a && b);
        const SecretKey secret = random_secret_key();
        const auto box = (*a)->seal(secret);
        QCOMPARE(box.size(), std::size_t{24 + 16 + 32});
        auto opened = (*a)->open(box);
        QVERIFY(opened);
        QVERIFY(*opened == secret);
        QVERIFY(!(*b)->open(box));  // another key
        auto tampered = box;
        tampered[30] ^= 1;
        QVERIFY(!(*a)->open(tampered));  // altered ciphertext
        QVERIFY((*a)->seal(secret) != box);  // a fresh nonce each time
    }

    void store_is_private_wal_and_synchronous() {
        QTemporaryDir dir;
        const std::filesystem::path path = QDir(dir.path()).filePath(QStringLiteral("data/results.sqlite")).toStdString();
        auto cipher = KeyCipher::generate();
        auto store = ResultsStore::open(path, *cipher);
        QVERIFY2(store, store ? "" : store.error().message.c_str());
        QCOMPARE(file_mode(path), 0600);
        QCOMPARE(file_mode(path.parent_path()), 0700);
        QCOMPARE((*store)->pragma(QStringLiteral("journal_mode")), QStringLiteral("wal"));
        QCOMPARE((*store)->pragma(QStringLiteral("synchronous")), QStringLiteral("2"));  // FULL
        const SecretKey secret = random_secret_key();
        FoundKeyRecord r = record_for(secret, KeyFormat::P2pkh);
        auto id = (*store)->add(r, secret);
        QVERIFY(id);
        QCOMPARE(r.id, *id);
        QCOMPARE(file_mode(path.string() + "-wal"), 0600);
        // The key is not in the file in the clear.
        QFile raw(QString::fromStdString(path.string() + "-wal"));
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const QByteArray bytes = raw.readAll();
        QVERIFY(!bytes.contains(QByteArray(reinterpret_cast<const char*>(secret.data()), 32)));
        QVERIFY(!bytes.contains(QByteArray::fromStdString(secret_hex(secret))));

        // A second connection (another thread's view) reads it back; the key opens.
        auto reader = ResultsStore::open(path, *cipher);
        auto rows = (*reader)->list();
        QVERIFY(rows);
        QCOMPARE(rows->size(), std::size_t{1});
        QCOMPARE(rows->front().address, r.address);
        QCOMPARE(rows->front().matches, r.matches);
        QCOMPARE(rows->front().attempts, r.attempts);
        auto key = (*reader)->private_key(*id);
        QVERIFY(key);
        QVERIFY(*key == secret);

        // Opened with another key, the records list but no key decrypts.
        auto other = KeyCipher::generate();
        auto wrong = ResultsStore::open(path, *other);
        QVERIFY(wrong);
        QVERIFY(!(*wrong)->private_key(*id));
    }

    void file_vault_is_the_no_keychain_mode() {
        QTemporaryDir dir;
        // A keychain that is not there: the app falls back to a 0600 key file and says so.
        auto settings = std::make_unique<AppSettings>(
            std::make_unique<QSettings>(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat));
        auto ctx = AppContext::create(std::move(settings), dir.filePath(QStringLiteral("data")),
                                      std::make_unique<MemoryKeyVault>(false));
        QVERIFY(ctx->cipher());
        QVERIFY(!ctx->protected_by_keychain());
        QVERIFY(ctx->store_warning());
        QVERIFY(ctx->store_note().contains(QStringLiteral("only file permissions")));
        QCOMPARE(file_mode(ctx->key_file_path()), 0600);
        QVERIFY(ctx->writer());

        // The same key file opens the same store again.
        FileKeyVault vault(ctx->key_file_path());
        auto again = load_or_create_cipher(vault);
        QVERIFY(again);
        const SecretKey secret = random_secret_key();
        QVERIFY((*again)->open(ctx->cipher()->seal(secret)));

        // Storing off: no writer, and the note says keys live in memory only.
        ctx->set_storing(false);
        QVERIFY(!ctx->writer());

        // With a (memory) keychain, no warning.
        auto settings2 = std::make_unique<AppSettings>(
            std::make_unique<QSettings>(dir.filePath(QStringLiteral("settings2.ini")), QSettings::IniFormat));
        auto ctx2 = AppContext::create(std::move(settings2), dir.filePath(QStringLiteral("data2")),
                                       std::make_unique<MemoryKeyVault>(true));
        QVERIFY(ctx2->protected_by_keychain());
        QVERIFY(!ctx2->store_warning());
        QVERIFY(!QFile::exists(QString::fromStdString(ctx2->key_file_path().string())));
    }

    // The app is killed (SIGKILL) the moment it reports a hit; the key must be in the store,
    // decryptable, and give the reported address.
    void key_survives_sigkill_after_hit() {
        QTemporaryDir dir;
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("VANIKEYS_DATA_DIR"), dir.path());
        env.insert(QStringLiteral("VANIKEYS_KEYCHAIN"), QStringLiteral("file"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(VANIKEYS_APP_BINARY),
                  {QStringLiteral("--pattern"), QStringLiteral("abc"), QStringLiteral("--mode"), QStringLiteral("contains"),
                   QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--grind"), QStringLiteral("--print-found")});
        QVERIFY(app.waitForStarted(10000));
        QString line;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 90000) {
            if (app.canReadLine()) {
                line = QString::fromUtf8(app.readLine()).trimmed();
                if (line.startsWith(QStringLiteral("found "))) break;
            } else {
                app.waitForReadyRead(100);
            }
        }
        app.kill();  // SIGKILL: no shutdown code runs
        app.waitForFinished(5000);
        QVERIFY2(line.startsWith(QStringLiteral("found ")), "the app reported no hit in time");
        const QStringList parts = line.split(QLatin1Char(' '));
        QCOMPARE(parts.value(2), QStringLiteral("stored"));
        const std::string address = parts.value(1).toStdString();

        FileKeyVault vault(QDir(dir.path()).filePath(QStringLiteral("store.key")).toStdString());
        auto cipher = load_or_create_cipher(vault);
        QVERIFY(cipher);
        auto store = ResultsStore::open(QDir(dir.path()).filePath(QStringLiteral("results.sqlite")).toStdString(), *cipher);
        QVERIFY(store);
        auto rows = (*store)->list();
        QVERIFY(rows && !rows->empty());
        bool seen = false;
        for (const FoundKeyRecord& r : *rows) {
            if (r.address != address) continue;
            seen = true;
            auto key = (*store)->private_key(r.id);
            QVERIFY(key);
            auto pattern = parse_pattern("abc", KeyFormat::DidKey, PatternOptions{MatchMode::Contains, false, false});
            auto verified = verify_secret(KeyFormat::DidKey, *key, &*pattern);
            QVERIFY(verified);
            QCOMPARE(verified->address, address);
            QVERIFY(verified->match && verified->match->exact);
        }
        QVERIFY2(seen, address.c_str());
    }
};

QTEST_GUILESS_MAIN(TestResultsStore)
#include "test_results_store.moc"
