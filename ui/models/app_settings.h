// AppSettings: the app's preferences (QSettings) and where its data lives. Engine defaults, CPU
// threads, the pricing catalog and price overrides, storing on/off, calibrated rates per engine
// and format, the last pattern, window layout. No private key ever goes in here.
#pragma once

#include <memory>
#include <optional>

#include <QByteArray>
#include <QObject>
#include <QSettings>
#include <QString>
#include <QStringList>

#include "engine/format/format_info.h"

namespace vanikeys::ui {

// The app's data folder: $VANIKEYS_DATA_DIR when set (tests, automation), else
// QStandardPaths::AppDataLocation.
QString app_data_dir();

struct CalibratedRate {
    double keys_per_second = 0;
    QString date;    // YYYY-MM-DD
    QString device;  // what ran it
};

struct LastPattern {
    QString text;
    KeyFormat format = KeyFormat::DidKey;
    QString mode = QStringLiteral("sequence");
    bool case_sensitive = false;
    bool fuzzy = false;
};

class AppSettings : public QObject {
    Q_OBJECT
public:
    // Settings in `settings` (tests pass an INI file in a temporary folder).
    explicit AppSettings(std::unique_ptr<QSettings> settings, QObject* parent = nullptr);
    // The app's own: an INI file in app_data_dir() when $VANIKEYS_DATA_DIR is set, else the
    // platform's usual place.
    static std::unique_ptr<AppSettings> create_default(QObject* parent = nullptr);
    ~AppSettings() override;

    [[nodiscard]] QString engine_id() const;  // "auto" by default
    void set_engine_id(const QString& id);
    [[nodiscard]] int cpu_threads() const;    // 0: one per core
    void set_cpu_threads(int threads);
    [[nodiscard]] QString catalog_path() const;  // empty: the built-in catalog
    void set_catalog_path(const QString& path);
    // "PLATFORM.FIELD=VALUE" lines, as parse_override reads them.
    [[nodiscard]] QStringList price_overrides() const;
    void set_price_overrides(const QStringList& overrides);
    [[nodiscard]] bool storing_enabled() const;  // true by default
    void set_storing_enabled(bool on);
    [[nodiscard]] double calibration_seconds() const;  // 1.5 by default
    void set_calibration_seconds(double seconds);

    [[nodiscard]] std::optional<CalibratedRate> calibrated_rate(const QString& engine_id, KeyFormat format) const;
    void set_calibrated_rate(const QString& engine_id, KeyFormat format, const CalibratedRate& rate);

    [[nodiscard]] LastPattern last_pattern() const;
    void set_last_pattern(const LastPattern& pattern);

    [[nodiscard]] QByteArray window_geometry() const;
    [[nodiscard]] QByteArray window_state() const;
    void set_window_layout(const QByteArray& geometry, const QByteArray& state);

    void sync();

Q_SIGNALS:
    void engine_defaults_changed();
    void prices_changed();  // catalog path or overrides
    void storing_changed(bool on);
    void calibration_changed(const QString& engine_id, vanikeys::KeyFormat format);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace vanikeys::ui
