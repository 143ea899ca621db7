#include "ui/models/app_settings.h"

#include <QDir>
#include <QStandardPaths>

namespace vanikeys::ui {
namespace {

QString format_key(KeyFormat format) {
    const std::string_view name = format_info(format).name;
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

QString calibration_key(const QString& engine_id, KeyFormat format) {
    QString id = engine_id;
    id.replace(QLatin1Char(':'), QLatin1Char('_'));
    return QStringLiteral("calibration/%1/%2").arg(id, format_key(format));
}

} // namespace

QString app_data_dir() {
    const QByteArray env = qgetenv("VANIKEYS_DATA_DIR");
    if (!env.isEmpty()) return QString::fromLocal8Bit(env);
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

AppSettings::AppSettings(std::unique_ptr<QSettings> settings, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)) {}

AppSettings::~AppSettings() = default;

std::unique_ptr<AppSettings> AppSettings::create_default(QObject* parent) {
    if (!qgetenv("VANIKEYS_DATA_DIR").isEmpty()) {
        const QString path = QDir(app_data_dir()).filePath(QStringLiteral("settings.ini"));
        return std::make_unique<AppSettings>(std::make_unique<QSettings>(path, QSettings::IniFormat), parent);
    }
    return std::make_unique<AppSettings>(std::make_unique<QSettings>(), parent);
}

QString AppSettings::engine_id() const {
    return m_settings->value(QStringLiteral("engine/id"), QStringLiteral("auto")).toString();
}

void AppSettings::set_engine_id(const QString& id) {
    m_settings->setValue(QStringLiteral("engine/id"), id);
    Q_EMIT engine_defaults_changed();
}

int AppSettings::cpu_threads() const { return m_settings->value(QStringLiteral("engine/cpu_threads"), 0).toInt(); }

void AppSettings::set_cpu_threads(int threads) {
    m_settings->setValue(QStringLiteral("engine/cpu_threads"), threads);
    Q_EMIT engine_defaults_changed();
}

QString AppSettings::catalog_path() const { return m_settings->value(QStringLiteral("pricing/catalog")).toString(); }

void AppSettings::set_catalog_path(const QString& path) {
    m_settings->setValue(QStringLiteral("pricing/catalog"), path);
    Q_EMIT prices_changed();
}

QStringList AppSettings::price_overrides() const {
    return m_settings->value(QStringLiteral("pricing/overrides")).toStringList();
}

void AppSettings::set_price_overrides(const QStringList& overrides) {
    m_settings->setValue(QStringLiteral("pricing/overrides"), overrides);
    Q_EMIT prices_changed();
}

bool AppSettings::storing_enabled() const { return m_settings->value(QStringLiteral("store/enabled"), true).toBool(); }

void AppSettings::set_storing_enabled(bool on) {
    m_settings->setValue(QStringLiteral("store/enabled"), on);
    Q_EMIT storing_changed(on);
}

double AppSettings::calibration_seconds() const {
    return m_settings->value(QStringLiteral("engine/calibration_seconds"), 1.5).toDouble();
}

void AppSettings::set_calibration_seconds(double seconds) {
    m_settings->setValue(QStringLiteral("engine/calibration_seconds"), seconds);
}

std::optional<CalibratedRate> AppSettings::calibrated_rate(const QString& engine_id, KeyFormat format) const {
    const QString key = calibration_key(engine_id, format);
    const double rate = m_settings->value(key + QStringLiteral("/keys_per_second"), 0.0).toDouble();
    if (!(rate > 0)) return std::nullopt;
    return CalibratedRate{rate, m_settings->value(key + QStringLiteral("/date")).toString(),
                          m_settings->value(key + QStringLiteral("/device")).toString()};
}

void AppSettings::set_calibrated_rate(const QString& engine_id, KeyFormat format, const CalibratedRate& rate) {
    const QString key = calibration_key(engine_id, format);
    m_settings->setValue(key + QStringLiteral("/keys_per_second"), rate.keys_per_second);
    m_settings->setValue(key + QStringLiteral("/date"), rate.date);
    m_settings->setValue(key + QStringLiteral("/device"), rate.device);
    Q_EMIT calibration_changed(engine_id, format);
}

LastPattern AppSettings::last_pattern() const {
    LastPattern p;
    p.text = m_settings->value(QStringLiteral("pattern/text")).toString();
    p.format = parse_format_name(m_settings->value(QStringLiteral("pattern/format"), QStringLiteral("didkey"))
                                     .toString()
                                     .toStdString())
                   .value_or(KeyFormat::DidKey);
    p.mode = m_settings->value(QStringLiteral("pattern/mode"), QStringLiteral("sequence")).toString();
    p.case_sensitive = m_settings->value(QStringLiteral("pattern/case_sensitive"), false).toBool();
    p.fuzzy = m_settings->value(QStringLiteral("pattern/fuzzy"), false).toBool();
    return p;
}

void AppSettings::set_last_pattern(const LastPattern& p) {
    m_settings->setValue(QStringLiteral("pattern/text"), p.text);
    m_settings->setValue(QStringLiteral("pattern/format"), format_key(p.format));
    m_settings->setValue(QStringLiteral("pattern/mode"), p.mode);
    m_settings->setValue(QStringLiteral("pattern/case_sensitive"), p.case_sensitive);
    m_settings->setValue(QStringLiteral("pattern/fuzzy"), p.fuzzy);
}

QByteArray AppSettings::window_geometry() const {
    return m_settings->value(QStringLiteral("window/geometry")).toByteArray();
}

QByteArray AppSettings::window_state() const { return m_settings->value(QStringLiteral("window/state")).toByteArray(); }

void AppSettings::set_window_layout(const QByteArray& geometry, const QByteArray& state) {
    m_settings->setValue(QStringLiteral("window/geometry"), geometry);
    m_settings->setValue(QStringLiteral("window/state"), state);
}

void AppSettings::sync() { m_settings->sync(); }

} // namespace vanikeys::ui
