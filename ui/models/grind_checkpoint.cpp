#include "ui/models/grind_checkpoint.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "ui/store/private_file.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {
namespace {

constexpr int kCheckpointVersion = 1;

QJsonArray matches_to_json(const std::vector<std::pair<int, int>>& matches) {
    QJsonArray array;
    for (auto [s, e] : matches) array.append(QJsonArray{s, e});
    return array;
}

} // namespace

Result<bool> save_checkpoint(const std::filesystem::path& path, const GrindCheckpoint& c) {
    QJsonObject o;
    o[QStringLiteral("version")] = kCheckpointVersion;
    o[QStringLiteral("pattern")] = QString::fromStdString(c.pattern);
    o[QStringLiteral("format")] = format_name(c.format);
    o[QStringLiteral("mode")] = qs(match_mode_name(c.options.mode));
    o[QStringLiteral("case_sensitive")] = c.options.case_sensitive;
    o[QStringLiteral("fuzzy")] = c.options.fuzzy;
    o[QStringLiteral("engine")] = QString::fromStdString(c.engine_id);
    // Attempts as text: JSON numbers are doubles and lose counts above 2^53.
    o[QStringLiteral("attempts")] = QString::number(c.attempts);
    o[QStringLiteral("seconds")] = c.seconds;
    o[QStringLiteral("saved_at")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    if (c.best) {
        QJsonObject b;
        b[QStringLiteral("address")] = QString::fromStdString(c.best->address);
        b[QStringLiteral("public_key_hex")] = QString::fromStdString(c.best->public_key_hex);
        b[QStringLiteral("matched_chars")] = c.best->matched_chars;
        b[QStringLiteral("total_chars")] = c.best->total_chars;
        b[QStringLiteral("words_matched")] = c.best->words_matched;
        b[QStringLiteral("matches")] = matches_to_json(c.best->matches);
        b[QStringLiteral("attempts")] = QString::number(c.best->attempts);
        if (!c.best->sealed_key.empty()) {
            const QByteArray sealed(reinterpret_cast<const char*>(c.best->sealed_key.data()),
                                    static_cast<qsizetype>(c.best->sealed_key.size()));
            b[QStringLiteral("sealed_key")] = QString::fromLatin1(sealed.toBase64());
        }
        o[QStringLiteral("best")] = b;
    }
    if (auto dir = ensure_private_dir(path.parent_path()); !dir) return dir;
    return write_private_file(path, QJsonDocument(o).toJson().toStdString());
}

Result<std::optional<GrindCheckpoint>> load_checkpoint(const std::filesystem::path& path) {
    QFile file(QString::fromStdString(path.string()));
    if (!file.exists()) return std::optional<GrindCheckpoint>{};
    if (!file.open(QIODevice::ReadOnly)) return runtime_failure("cannot read the grind checkpoint " + path.string());
    QJsonParseError parse_error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse_error);
    const QJsonObject o = doc.object();
    if (doc.isNull() || o.value(QStringLiteral("version")).toInt() != kCheckpointVersion)
        return runtime_failure("the grind checkpoint " + path.string() + " is damaged or from another version");
    GrindCheckpoint c;
    c.pattern = o.value(QStringLiteral("pattern")).toString().toStdString();
    auto format = parse_format_name(o.value(QStringLiteral("format")).toString().toStdString());
    auto mode = parse_match_mode(o.value(QStringLiteral("mode")).toString().toStdString());
    if (!format || !mode || c.pattern.empty())
        return runtime_failure("the grind checkpoint " + path.string() + " names no valid pattern");
    c.format = *format;
    c.options.mode = *mode;
    c.options.case_sensitive = o.value(QStringLiteral("case_sensitive")).toBool();
    c.options.fuzzy = o.value(QStringLiteral("fuzzy")).toBool();
    c.engine_id = o.value(QStringLiteral("engine")).toString().toStdString();
    c.attempts = o.value(QStringLiteral("attempts")).toString().toULongLong();
    c.seconds = o.value(QStringLiteral("seconds")).toDouble();
    c.saved_at = o.value(QStringLiteral("saved_at")).toString().toStdString();
    if (o.contains(QStringLiteral("best"))) {
        const QJsonObject b = o.value(QStringLiteral("best")).toObject();
        CheckpointBest best;
        best.address = b.value(QStringLiteral("address")).toString().toStdString();
        best.public_key_hex = b.value(QStringLiteral("public_key_hex")).toString().toStdString();
        best.matched_chars = b.value(QStringLiteral("matched_chars")).toInt();
        best.total_chars = b.value(QStringLiteral("total_chars")).toInt();
        best.words_matched = b.value(QStringLiteral("words_matched")).toInt();
        for (const QJsonValue& v : b.value(QStringLiteral("matches")).toArray()) {
            const QJsonArray pair = v.toArray();
            if (pair.size() == 2) best.matches.emplace_back(pair[0].toInt(), pair[1].toInt());
        }
        best.attempts = b.value(QStringLiteral("attempts")).toString().toULongLong();
        const QByteArray sealed = QByteArray::fromBase64(b.value(QStringLiteral("sealed_key")).toString().toLatin1());
        best.sealed_key.assign(sealed.begin(), sealed.end());
        c.best = std::move(best);
    }
    return std::optional<GrindCheckpoint>(std::move(c));
}

void remove_checkpoint(const std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
}

} // namespace vanikeys::ui
