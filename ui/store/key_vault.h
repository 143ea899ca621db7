// Where the results store's encryption key lives: the system keychain (QtKeychain) where there is
// one, else a 0600 key file beside the store; tests use an in-memory vault. The store and the
// checkpoint only ever see a KeyCipher made from what a vault returns.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/result.h"
#include "ui/store/key_cipher.h"

namespace vanikeys::ui {

class KeyVault {
public:
    virtual ~KeyVault() = default;
    // For people: "the system keychain", "the key file /home/a/.local/share/VaniKeys/store.key".
    [[nodiscard]] virtual std::string description() const = 0;
    // True when the key is kept by the operating system's keychain, not merely by file modes.
    [[nodiscard]] virtual bool is_system_keychain() const = 0;
    // The stored key; nullopt when none was stored yet. Error (code 3) when the vault cannot be
    // used at all (no keychain service, unreadable file).
    virtual Result<std::optional<std::vector<std::uint8_t>>> read() = 0;
    virtual Result<bool> write(const std::vector<std::uint8_t>& key) = 0;
};

// A 0600 file holding the 32 key bytes, in a 0700 folder.
class FileKeyVault final : public KeyVault {
public:
    explicit FileKeyVault(std::filesystem::path path);
    [[nodiscard]] std::string description() const override;
    [[nodiscard]] bool is_system_keychain() const override { return false; }
    Result<std::optional<std::vector<std::uint8_t>>> read() override;
    Result<bool> write(const std::vector<std::uint8_t>& key) override;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// Process memory only (tests); `available` false makes every call fail like a missing keychain.
class MemoryKeyVault final : public KeyVault {
public:
    explicit MemoryKeyVault(bool available = true) : available_(available) {}
    [[nodiscard]] std::string description() const override { return "an in-memory vault"; }
    [[nodiscard]] bool is_system_keychain() const override { return true; }
    Result<std::optional<std::vector<std::uint8_t>>> read() override;
    Result<bool> write(const std::vector<std::uint8_t>& key) override;

private:
    bool available_;
    std::optional<std::vector<std::uint8_t>> key_;
};

// The system keychain through QtKeychain (Secret Service, KWallet, macOS Keychain, Windows
// Credential Store), with no plaintext fallback. Blocks its caller until the keychain answers
// (at most `timeout_ms`): call it at start-up, before the window shows.
std::unique_ptr<KeyVault> make_system_keychain_vault(int timeout_ms = 5000);

// The store's cipher from `vault`: the stored key, or a new one written there first.
Result<std::shared_ptr<const KeyCipher>> load_or_create_cipher(KeyVault& vault);

} // namespace vanikeys::ui
