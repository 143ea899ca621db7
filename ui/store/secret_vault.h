// Named secrets the app keeps besides the store key: the cloud providers' API keys and the
// split-key secrets of cloud searches. The system keychain (QtKeychain) where there is one;
// where there is none, process memory (gone when the app closes) unless the user agreed to a
// folder of 0600 files. Never QSettings.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cloud/store/secret_store.h"
#include "engine/core/result.h"
#include "ui/store/key_vault.h"

namespace vanikeys::ui {

class SecretVault {
public:
    virtual ~SecretVault() = default;
    // For people: "the system keychain", "files only you can read in /home/a/…".
    [[nodiscard]] virtual std::string description() const = 0;
    [[nodiscard]] virtual bool is_system_keychain() const = 0;
    // True when what is written survives the app (keychain, files).
    [[nodiscard]] virtual bool persistent() const = 0;
    // `name` is [A-Za-z0-9_-], 1..96 characters. nullopt when nothing is stored under it.
    // Error (code 3) when the vault cannot be used at all.
    virtual Result<std::optional<std::string>> read(const std::string& name) = 0;
    virtual Result<bool> write(const std::string& name, const std::string& value) = 0;
    // Succeeds when nothing is stored under `name`, too.
    virtual Result<bool> remove(const std::string& name) = 0;
};

bool valid_secret_name(const std::string& name);

// Process memory. `available` false fails every call like a missing keychain; `keychain` makes
// it stand in for the system keychain (tests).
class MemorySecretVault final : public SecretVault {
public:
    explicit MemorySecretVault(bool available = true, bool keychain = true)
        : available_(available), keychain_(keychain) {}
    [[nodiscard]] std::string description() const override;
    [[nodiscard]] bool is_system_keychain() const override { return keychain_; }
    [[nodiscard]] bool persistent() const override { return keychain_; }
    Result<std::optional<std::string>> read(const std::string& name) override;
    Result<bool> write(const std::string& name, const std::string& value) override;
    Result<bool> remove(const std::string& name) override;
    [[nodiscard]] std::vector<std::string> names() const;

private:
    bool available_;
    bool keychain_;
    mutable std::mutex mutex_;
    std::map<std::string, std::string> values_;
};

// One 0600 file per secret in a 0700 folder: the no-keychain mode the user agreed to.
class FileSecretVault final : public SecretVault {
public:
    explicit FileSecretVault(std::filesystem::path directory) : directory_(std::move(directory)) {}
    [[nodiscard]] std::string description() const override;
    [[nodiscard]] bool is_system_keychain() const override { return false; }
    [[nodiscard]] bool persistent() const override { return true; }
    Result<std::optional<std::string>> read(const std::string& name) override;
    Result<bool> write(const std::string& name, const std::string& value) override;
    Result<bool> remove(const std::string& name) override;
    [[nodiscard]] std::filesystem::path path_for(const std::string& name) const { return directory_ / name; }
    [[nodiscard]] std::vector<std::string> names() const;

private:
    std::filesystem::path directory_;
};

// The system keychain through QtKeychain (service "VaniKeys"). Its jobs run on a thread of its
// own, so any thread may call it; each call blocks until the keychain answers (at most
// `timeout_ms`), which is why the app calls it at start-up and from worker threads only.
std::shared_ptr<SecretVault> make_system_keychain(int timeout_ms = 5000);

// The results store's key as one entry of a vault (the keychain's "results-store-key").
class VaultKeyVault final : public KeyVault {
public:
    VaultKeyVault(std::shared_ptr<SecretVault> vault, std::string entry)
        : vault_(std::move(vault)), entry_(std::move(entry)) {}
    [[nodiscard]] std::string description() const override { return vault_->description(); }
    [[nodiscard]] bool is_system_keychain() const override { return vault_->is_system_keychain(); }
    Result<std::optional<std::vector<std::uint8_t>>> read() override;
    Result<bool> write(const std::vector<std::uint8_t>& key) override;

private:
    std::shared_ptr<SecretVault> vault_;
    std::string entry_;
};

// The cloud layer's SecretStore (split-key secrets d) over a vault: entry "cloud-secret-<ref>".
class VaultSecretStore final : public cloud::SecretStore {
public:
    explicit VaultSecretStore(std::shared_ptr<SecretVault> vault) : vault_(std::move(vault)) {}
    cloud::CloudResult<bool> put(const std::string& ref, const SecretKey& secret) override;
    cloud::CloudResult<SecretKey> get(const std::string& ref) override;
    cloud::CloudResult<bool> remove(const std::string& ref) override;
    [[nodiscard]] static std::string entry_for(const std::string& ref) { return "cloud-secret-" + ref; }

private:
    std::shared_ptr<SecretVault> vault_;
};

} // namespace vanikeys::ui
