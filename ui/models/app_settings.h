// AppSettings: the app's preferences (QSettings) and where its data lives. Engine defaults, CPU
// threads, the pricing catalog and price overrides, storing on/off, calibrated rates per engine
// and format, the last pattern, window layout, the cloud's non-secret settings. No private key
// and no API key ever goes in here (those live in a SecretVault).
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

// The cloud's settings that are not secrets (the API keys are in the keychain).
struct CloudPreferences {
    QString runpod_endpoint_id;
    QString modal_url;
    QString runpod_api_base;   // empty: RunPod's own API (tests: an emulator)
    QString modal_api_base;    // empty: modal_url
    QString runpod_platform;   // pricing-catalog platform of the endpoint; empty: the default
    QString modal_platform;
    QString ca_file;           // extra trust anchors (PEM) for a test server; empty: none
    int workers = 1;           // grinds fan out to this many workers
    double max_seconds = 3600; // every cloud search has a time (and so cost) bound
    double poll_seconds = 2;
    double progress_seconds = 2;  // how often a worker reports
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

    [[nodiscard]] CloudPreferences cloud_preferences() const;
    void set_cloud_preferences(const CloudPreferences& preferences);
    // No keychain: may API keys and split-key secrets go to 0600 files? false until the user says so.
    [[nodiscard]] bool secret_files_allowed() const;
    void set_secret_files_allowed(bool allowed);

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
    void cloud_changed();  // preferences or where the secrets go

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace vanikeys::ui
