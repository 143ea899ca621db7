// CalibrationModel: measures an engine's real rate on a format with a short bench (the real
// engine, ~1.5 s) on a worker thread, and remembers it per engine and format in the settings.
#pragma once

#include <QFutureWatcher>
#include <QObject>

#include "ui/models/app_settings.h"
#include "ui/models/engine_catalog.h"

namespace vanikeys::ui {

struct CalibrationOutcome {
    QString engine_id;
    KeyFormat format = KeyFormat::DidKey;
    bool ok = false;
    double keys_per_second = 0;
    QString device;
    QString error;
};

// Runs the bench (blocking): `seconds` of the engine on a pattern that never matches.
CalibrationOutcome run_calibration(const EngineEntry& engine, KeyFormat format, int cpu_threads, double seconds);

class CalibrationModel : public QObject {
    Q_OBJECT
public:
    explicit CalibrationModel(AppSettings* settings, QObject* parent = nullptr);
    ~CalibrationModel() override;

    // Starts a bench of the local `engine` (not Auto) on `format` unless one is running.
    bool calibrate(const EngineEntry& engine, KeyFormat format);
    [[nodiscard]] bool running() const { return m_watcher.isRunning(); }

Q_SIGNALS:
    void calibration_started(const QString& engine_id, vanikeys::KeyFormat format);
    void calibrated(const QString& engine_id, vanikeys::KeyFormat format, double keys_per_second);
    void calibration_failed(const QString& message);

private:
    void on_finished();
    AppSettings* m_settings;
    QFutureWatcher<CalibrationOutcome> m_watcher;
};

} // namespace vanikeys::ui
