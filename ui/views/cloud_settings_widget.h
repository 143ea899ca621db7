// CloudSettingsWidget: the Settings dialog's Cloud tab. RunPod (API key, endpoint id) and Modal
// (app URL, proxy-token key and secret), each with the pricing-catalog platform it runs on and
// an API base override for test servers; workers per grind, time limit, polling. The keys go to
// the system keychain; where there is none it says so and keeps them in memory unless the user
// ticks the box that allows 0600 files.
#pragma once

#include <QWidget>

#include "ui/models/cloud_service.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace vanikeys::ui {

class CloudSettingsWidget : public QWidget {
    Q_OBJECT
public:
    explicit CloudSettingsWidget(CloudService* cloud, QWidget* parent = nullptr);

    // What the fields say now.
    [[nodiscard]] CloudConfig config() const;
    [[nodiscard]] bool files_allowed() const;
    // Saves (what OK does); an error when the vault refused a key.
    Result<bool> apply();

private:
    void load();
    void update_status();
    QLineEdit* secret_edit(const char* name);
    QComboBox* platform_combo(const char* name, const QString& provider);

    CloudService* m_cloud;
    QLineEdit* m_runpod_key;
    QLineEdit* m_runpod_endpoint;
    QLineEdit* m_runpod_base;
    QComboBox* m_runpod_platform;
    QLineEdit* m_modal_url;
    QLineEdit* m_modal_key;
    QLineEdit* m_modal_secret;
    QLineEdit* m_modal_base;
    QComboBox* m_modal_platform;
    QSpinBox* m_workers;
    QDoubleSpinBox* m_max_minutes;
    QDoubleSpinBox* m_poll;
    QDoubleSpinBox* m_progress;
    QLabel* m_secrets_note;
    QCheckBox* m_files;
    QLabel* m_status;
};

} // namespace vanikeys::ui
