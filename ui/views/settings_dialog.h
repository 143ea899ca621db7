// SettingsDialog: engine defaults, CPU threads, calibration length, storing on/off, the pricing
// catalog file and per-platform price overrides (the Costs page follows them at once).
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

namespace vanikeys::ui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(AppSettings* settings, const std::vector<EngineEntry>& engines, QWidget* parent = nullptr);

    // Writes the dialog's values to the settings (what OK does).
    void apply();
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
};

} // namespace vanikeys::ui
