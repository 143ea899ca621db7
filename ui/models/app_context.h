// AppContext: what the app is built on, made once at start-up: settings, the data folder, the
// store key (system keychain, or a 0600 key file where there is none), the results store's
// writer, the vault for the cloud's secrets (API keys, split-key secrets), and the notes that
// tell the user how all of it is protected.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include <QString>

#include "ui/models/app_settings.h"
#include "ui/models/store_writer.h"
#include "ui/store/key_vault.h"
#include "ui/store/secret_vault.h"

namespace vanikeys::ui {

struct ContextOptions {
    // The system keychain or a stand-in (tests). Null: QtKeychain, unless $VANIKEYS_KEYCHAIN=file
    // (CI, tests) or a store vault is given; a keychain that does not answer counts as none.
    std::shared_ptr<SecretVault> keychain;
    // Where the store key lives. Null: the keychain's "results-store-key", else a key file in
    // the data folder.
    std::unique_ptr<KeyVault> store_vault;
    // The cloud job list (shared with `vanikeys-cli cloud`). Empty: <data folder>/cloud.
    std::filesystem::path cloud_directory;
};

class AppContext {
public:
    // Blocks while the keychain answers (start-up).
    static std::unique_ptr<AppContext> create(std::unique_ptr<AppSettings> settings, const QString& data_dir,
                                              ContextOptions options = {});
    static std::unique_ptr<AppContext> create(std::unique_ptr<AppSettings> settings, const QString& data_dir,
                                              std::unique_ptr<KeyVault> store_vault);
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

    // The cloud's secrets. With a system keychain: the keychain. Without one: process memory,
    // or, once the user agreed (set_secret_files_allowed), 0600 files in <data>/cloud-secrets.
    [[nodiscard]] std::shared_ptr<SecretVault> cloud_vault() const;
    [[nodiscard]] bool has_keychain() const { return m_keychain_vault != nullptr; }
    // The user's answer to "no keychain: keep API keys and split-key secrets in 0600 files?".
    // Agreeing copies what memory holds into the files; withdrawing moves them back to memory
    // and deletes the files.
    void set_secret_files_allowed(bool allowed);
    [[nodiscard]] std::filesystem::path cloud_directory() const { return m_cloud_directory; }
    [[nodiscard]] std::filesystem::path cloud_secrets_dir() const;
    // For the Cloud settings: where API keys and split-key secrets are kept.
    [[nodiscard]] QString secrets_note() const;

private:
    AppContext() = default;
    std::unique_ptr<AppSettings> m_settings;
    QString m_data_dir;
    std::unique_ptr<KeyVault> m_vault;
    std::shared_ptr<SecretVault> m_keychain_vault;        // null: no system keychain
    std::shared_ptr<MemorySecretVault> m_memory_vault;    // no keychain, no consent
    std::shared_ptr<FileSecretVault> m_file_vault;        // no keychain, consent given
    std::filesystem::path m_cloud_directory;
    std::shared_ptr<const KeyCipher> m_cipher;
    std::unique_ptr<StoreWriter> m_writer;
    bool m_keychain = false;
    QString m_error;
};

} // namespace vanikeys::ui
