#include "ui/store/key_vault.h"

#include <fstream>
#include <iterator>

#include <sodium.h>

#include "ui/store/private_file.h"

namespace vanikeys::ui {

FileKeyVault::FileKeyVault(std::filesystem::path path) : path_(std::move(path)) {}

std::string FileKeyVault::description() const { return "the key file " + path_.string() + " (mode 0600)"; }

Result<std::optional<std::vector<std::uint8_t>>> FileKeyVault::read() {
    std::error_code ec;
    if (!std::filesystem::exists(path_, ec)) return std::optional<std::vector<std::uint8_t>>{};
    std::ifstream in(path_, std::ios::binary);
    if (!in) return runtime_failure("cannot read the store key file " + path_.string());
    std::vector<std::uint8_t> key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (key.size() != KeyCipher::kKeySize) {
        sodium_memzero(key.data(), key.size());
        return runtime_failure("the store key file " + path_.string() + " is damaged (it must hold 32 bytes)");
    }
    return std::optional<std::vector<std::uint8_t>>(std::move(key));
}

Result<bool> FileKeyVault::write(const std::vector<std::uint8_t>& key) {
    if (auto dir = ensure_private_dir(path_.parent_path()); !dir) return dir;
    std::string bytes(key.begin(), key.end());
    auto written = write_private_file(path_, bytes);
    sodium_memzero(bytes.data(), bytes.size());
    return written;
}

Result<std::optional<std::vector<std::uint8_t>>> MemoryKeyVault::read() {
    if (!available_) return runtime_failure("no keychain is available");
    return key_;
}

Result<bool> MemoryKeyVault::write(const std::vector<std::uint8_t>& key) {
    if (!available_) return runtime_failure("no keychain is available");
    key_ = key;
    return true;
}

Result<std::shared_ptr<const KeyCipher>> load_or_create_cipher(KeyVault& vault) {
    auto stored = vault.read();
    if (!stored) return stored.error();
    if (stored->has_value()) {
        auto cipher = KeyCipher::from_bytes(**stored);
        sodium_memzero((*stored)->data(), (*stored)->size());
        return cipher;
    }
    auto cipher = KeyCipher::generate();
    if (!cipher) return cipher;
    std::vector<std::uint8_t> bytes = (*cipher)->key_bytes();
    auto written = vault.write(bytes);
    sodium_memzero(bytes.data(), bytes.size());
    if (!written) return written.error();
    return cipher;
}

} // namespace vanikeys::ui
