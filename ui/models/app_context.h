// AppContext: what the app is built on, made once at start-up: settings, the data folder, the
// store key (system keychain, or a 0600 key file where there is none), the results store's
// writer, and the note that tells the user how the store is protected.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include <QString>

#include "ui/models/app_settings.h"
#include "ui/models/store_writer.h"
#include "ui/store/key_vault.h"

namespace vanikeys::ui {

class AppContext {
public:
    // `vault` null: the system keychain if it answers, else a key file in the data folder;
    // $VANIKEYS_KEYCHAIN=file skips the keychain (CI, tests). Blocks while the keychain answers.
    static std::unique_ptr<AppContext> create(std::unique_ptr<AppSettings> settings, const QString& data_dir,
                                              std::unique_ptr<KeyVault> vault = nullptr);
    ~AppContext();

    [[nodiscard]] AppSettings* settings() const { return m_settings.get(); }
    [[nodiscard]] const QString& data_dir() const { return m_data_dir; }
    [[nodiscard]] std::filesystem::path store_path() const;
    [[nodiscard]] std::filesystem::path key_file_path() const;
    [[nodiscard]] std::filesystem::path checkpoint_path() const;
    [[nodiscard]] std::shared_ptr<const KeyCipher> cipher() const { return m_cipher; }
    // Null while storing is off or the store could not be opened.
    [[nodiscard]] StoreWriter* writer() const { return m_writer.get(); }
    [[nodiscard]] bool protected_by_keychain() const { return m_keychain; }
    // For the Found keys page and the banner: how keys are (or are not) being kept.
    [[nodiscard]] QString store_note() const;
    [[nodiscard]] bool store_warning() const;  // true when the user should know (no keychain, off, error)

    // Opens or closes the store's writer; the setting itself is the caller's.
    void set_storing(bool on);
    // Every stored record (read on the calling thread).
    [[nodiscard]] std::vector<FoundKeyRecord> stored_records() const;

private:
    AppContext() = default;
    std::unique_ptr<AppSettings> m_settings;
    QString m_data_dir;
    std::unique_ptr<KeyVault> m_vault;
    std::shared_ptr<const KeyCipher> m_cipher;
    std::unique_ptr<StoreWriter> m_writer;
    bool m_keychain = false;
    QString m_error;
};

} // namespace vanikeys::ui
