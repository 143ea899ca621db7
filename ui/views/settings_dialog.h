// SettingsDialog: engine defaults, CPU threads, calibration length, storing on/off, the pricing
// catalog file and per-platform price overrides, which the Costs page follows at once (General);
// the cloud providers' endpoints and keys (Cloud).
#pragma once

#include <QDialog>

#include <vector>

#include "ui/models/app_settings.h"
#include "ui/models/engine_catalog.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace vanikeys::ui {

class CloudService;
class CloudSettingsWidget;

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    // `cloud` null: no Cloud tab.
    SettingsDialog(AppSettings* settings, const std::vector<EngineEntry>& engines, QWidget* parent = nullptr,
                   CloudService* cloud = nullptr);

    // Writes the dialog's values to the settings (what OK does). False when the cloud keys could
    // not be saved (the Cloud tab says why).
    bool apply();
    // "general" or "cloud"
    void show_tab(const QString& name);
    [[nodiscard]] CloudSettingsWidget* cloud_settings() const { return m_cloud; }
    // Sets one price cell (platform id, field) as a user would; false if there is no such cell.
    bool set_price(const QString& platform_id, const QString& field, double value);

private:
    void load_prices();

    AppSettings* m_settings;
    QComboBox* m_engine;
    QSpinBox* m_threads;
    QDoubleSpinBox* m_calibration;
    QCheckBox* m_storing;
    QLineEdit* m_catalog;
    QTableWidget* m_prices;
    QLabel* m_price_note;
    QTabWidget* m_tabs;
    CloudSettingsWidget* m_cloud = nullptr;
};

} // namespace vanikeys::ui
