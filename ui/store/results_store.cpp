#include "ui/store/results_store.h"

#include <atomic>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "ui/store/private_file.h"

namespace vanikeys::ui {
namespace {

std::atomic<int> g_connection_counter{0};

Error sql_failure(const QString& what, const QSqlError& error) {
    return runtime_failure("results store: " + what.toStdString() + ": " + error.text().toStdString());
}

const char* const kSchema =
    "CREATE TABLE IF NOT EXISTS found_keys ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " found_at TEXT NOT NULL,"
    " format TEXT NOT NULL,"
    " address TEXT NOT NULL,"
    " public_key TEXT NOT NULL,"
    " pattern TEXT NOT NULL,"
    " mode TEXT NOT NULL,"
    " case_sensitive INTEGER NOT NULL,"
    " fuzzy INTEGER NOT NULL,"
    " matched_chars INTEGER NOT NULL,"
    " total_chars INTEGER NOT NULL,"
    " words_matched INTEGER NOT NULL,"
    " exact INTEGER NOT NULL,"
    " matches TEXT NOT NULL,"
    " attempts INTEGER NOT NULL,"
    " seconds REAL NOT NULL,"
    " sealed_key BLOB NOT NULL)";

QString matches_json(const std::vector<std::pair<int, int>>& matches) {
    QJsonArray array;
    for (auto [s, e] : matches) array.append(QJsonArray{s, e});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

std::vector<std::pair<int, int>> matches_from_json(const QString& text) {
    std::vector<std::pair<int, int>> out;
    for (const QJsonValue& v : QJsonDocument::fromJson(text.toUtf8()).array()) {
        const QJsonArray pair = v.toArray();
        if (pair.size() == 2) out.emplace_back(pair[0].toInt(), pair[1].toInt());
    }
    return out;
}

QByteArray to_bytes(const std::vector<std::uint8_t>& v) {
    return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size()));
}

} // namespace

ResultsStore::ResultsStore(std::filesystem::path path, QString connection, std::shared_ptr<const KeyCipher> cipher)
    : path_(std::move(path)), connection_(std::move(connection)), cipher_(std::move(cipher)) {}

ResultsStore::~ResultsStore() {
    {
        QSqlDatabase db = QSqlDatabase::database(connection_, false);
        if (db.isOpen()) db.close();
    }
    QSqlDatabase::removeDatabase(connection_);
}

Result<std::unique_ptr<ResultsStore>> ResultsStore::open(const std::filesystem::path& path,
                                                         std::shared_ptr<const KeyCipher> cipher) {
    if (!cipher) return bad_input("results store: no cipher");
    if (auto dir = ensure_private_dir(path.parent_path()); !dir) return dir.error();
    // SQLite gives its -wal and -shm files the main file's mode, so 0600 here covers all three.
    if (auto file = ensure_private_file(path); !file) return file.error();

    const QString name = QStringLiteral("vanikeys-store-%1").arg(g_connection_counter.fetch_add(1));
    std::unique_ptr<ResultsStore> store(new ResultsStore(path, name, std::move(cipher)));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(QString::fromStdString(path.string()));
    if (!db.open()) return sql_failure(QStringLiteral("cannot open ") + QString::fromStdString(path.string()), db.lastError());
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL"))) return sql_failure(QStringLiteral("WAL"), q.lastError());
    if (!q.exec(QStringLiteral("PRAGMA synchronous=FULL"))) return sql_failure(QStringLiteral("synchronous"), q.lastError());
    if (!q.exec(QString::fromLatin1(kSchema))) return sql_failure(QStringLiteral("schema"), q.lastError());
    return store;
}

Result<std::int64_t> ResultsStore::add(FoundKeyRecord& r, const SecretKey& secret) {
    r.sealed_key = cipher_->seal(secret);
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO found_keys (found_at, format, address, public_key, pattern, mode, case_sensitive, fuzzy,"
        " matched_chars, total_chars, words_matched, exact, matches, attempts, seconds, sealed_key)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QString found_at = r.found_at.empty()
                                 ? QDateTime::currentDateTimeUtc().toString(Qt::ISODate)
                                 : QString::fromStdString(r.found_at);
    q.addBindValue(found_at);
    q.addBindValue(QString::fromLatin1(format_info(r.format).name.data(),
                                       static_cast<qsizetype>(format_info(r.format).name.size())));
    q.addBindValue(QString::fromStdString(r.address));
    q.addBindValue(QString::fromStdString(r.public_key_hex));
    q.addBindValue(QString::fromStdString(r.pattern));
    q.addBindValue(QString::fromStdString(r.mode));
    q.addBindValue(r.case_sensitive ? 1 : 0);
    q.addBindValue(r.fuzzy ? 1 : 0);
    q.addBindValue(r.matched_chars);
    q.addBindValue(r.total_chars);
    q.addBindValue(r.words_matched);
    q.addBindValue(r.exact ? 1 : 0);
    q.addBindValue(matches_json(r.matches));
    q.addBindValue(static_cast<qlonglong>(r.attempts));
    q.addBindValue(r.seconds);
    q.addBindValue(to_bytes(r.sealed_key));
    if (!q.exec()) return sql_failure(QStringLiteral("cannot save the key"), q.lastError());
    r.id = static_cast<std::int64_t>(q.lastInsertId().toLongLong());
    r.found_at = found_at.toStdString();
    return r.id;
}

Result<std::vector<FoundKeyRecord>> ResultsStore::list() const {
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral(
            "SELECT id, found_at, format, address, public_key, pattern, mode, case_sensitive, fuzzy, matched_chars,"
            " total_chars, words_matched, exact, matches, attempts, seconds, sealed_key FROM found_keys ORDER BY id")))
        return sql_failure(QStringLiteral("cannot read the keys"), q.lastError());
    std::vector<FoundKeyRecord> out;
    while (q.next()) {
        FoundKeyRecord r;
        r.id = q.value(0).toLongLong();
        r.found_at = q.value(1).toString().toStdString();
        r.format = parse_format_name(q.value(2).toString().toStdString()).value_or(KeyFormat::DidKey);
        r.address = q.value(3).toString().toStdString();
        r.public_key_hex = q.value(4).toString().toStdString();
        r.pattern = q.value(5).toString().toStdString();
        r.mode = q.value(6).toString().toStdString();
        r.case_sensitive = q.value(7).toInt() != 0;
        r.fuzzy = q.value(8).toInt() != 0;
        r.matched_chars = q.value(9).toInt();
        r.total_chars = q.value(10).toInt();
        r.words_matched = q.value(11).toInt();
        r.exact = q.value(12).toInt() != 0;
        r.matches = matches_from_json(q.value(13).toString());
        r.attempts = static_cast<std::uint64_t>(q.value(14).toLongLong());
        r.seconds = q.value(15).toDouble();
        const QByteArray sealed = q.value(16).toByteArray();
        r.sealed_key.assign(sealed.begin(), sealed.end());
        out.push_back(std::move(r));
    }
    return out;
}

Result<SecretKey> ResultsStore::private_key(std::int64_t id) const {
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT sealed_key FROM found_keys WHERE id = ?"));
    q.addBindValue(static_cast<qlonglong>(id));
    if (!q.exec()) return sql_failure(QStringLiteral("cannot read the key"), q.lastError());
    if (!q.next()) return bad_input("results store: no key #" + std::to_string(id));
    const QByteArray sealed = q.value(0).toByteArray();
    return cipher_->open(std::vector<std::uint8_t>(sealed.begin(), sealed.end()));
}

Result<SecretKey> ResultsStore::open_sealed(const std::vector<std::uint8_t>& sealed) const {
    return cipher_->open(sealed);
}

QString ResultsStore::pragma(const QString& name) const {
    QSqlDatabase db = QSqlDatabase::database(connection_, false);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA ") + name) || !q.next()) return {};
    return q.value(0).toString();
}

} // namespace vanikeys::ui
