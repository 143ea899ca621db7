#include "ui/store/secret_vault.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>

#include <sodium.h>

#include "ui/store/private_file.h"

namespace vanikeys::ui {
namespace {

Result<bool> check_name(const std::string& name) {
    if (!valid_secret_name(name)) return bad_input("not a valid secret name: " + name);
    return true;
}

void wipe(std::string& s) {
    if (!s.empty()) sodium_memzero(s.data(), s.size());
}

} // namespace

bool valid_secret_name(const std::string& name) {
    if (name.empty() || name.size() > 96) return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
}

std::string MemorySecretVault::description() const {
    return keychain_ ? "an in-memory stand-in for the keychain" : "memory only (gone when the app closes)";
}

Result<std::optional<std::string>> MemorySecretVault::read(const std::string& name) {
    if (!available_) return runtime_failure("no keychain is available");
    if (auto ok = check_name(name); !ok) return ok.error();
    std::lock_guard lock(mutex_);
    const auto it = values_.find(name);
    if (it == values_.end()) return std::optional<std::string>{};
    return std::optional<std::string>(it->second);
}

Result<bool> MemorySecretVault::write(const std::string& name, const std::string& value) {
    if (!available_) return runtime_failure("no keychain is available");
    if (auto ok = check_name(name); !ok) return ok;
    std::lock_guard lock(mutex_);
    if (auto it = values_.find(name); it != values_.end()) wipe(it->second);
    values_[name] = value;
    return true;
}

Result<bool> MemorySecretVault::remove(const std::string& name) {
    if (!available_) return runtime_failure("no keychain is available");
    std::lock_guard lock(mutex_);
    if (auto it = values_.find(name); it != values_.end()) {
        wipe(it->second);
        values_.erase(it);
    }
    return true;
}

std::vector<std::string> MemorySecretVault::names() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& entry : values_) out.push_back(entry.first);
    return out;
}

std::string FileSecretVault::description() const {
    return "files only you can read (mode 0600) in " + directory_.string();
}

std::vector<std::string> FileSecretVault::names() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(directory_, ec)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && valid_secret_name(name)) out.push_back(name);
    }
    return out;
}

Result<std::optional<std::string>> FileSecretVault::read(const std::string& name) {
    if (auto ok = check_name(name); !ok) return ok.error();
    const std::filesystem::path path = path_for(name);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return std::optional<std::string>{};
    std::ifstream in(path, std::ios::binary);
    if (!in) return runtime_failure("cannot read " + path.string());
    return std::optional<std::string>(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
}

Result<bool> FileSecretVault::write(const std::string& name, const std::string& value) {
    if (auto ok = check_name(name); !ok) return ok;
    if (auto dir = ensure_private_dir(directory_); !dir) return dir;
    return write_private_file(path_for(name), value);
}

Result<bool> FileSecretVault::remove(const std::string& name) {
    if (auto ok = check_name(name); !ok) return ok;
    std::error_code ec;
    std::filesystem::remove(path_for(name), ec);
    if (ec) return runtime_failure("cannot remove " + path_for(name).string() + ": " + ec.message());
    return true;
}

Result<std::optional<std::vector<std::uint8_t>>> VaultKeyVault::read() {
    auto value = vault_->read(entry_);
    if (!value) return value.error();
    if (!value->has_value()) return std::optional<std::vector<std::uint8_t>>{};
    std::vector<std::uint8_t> key((*value)->begin(), (*value)->end());
    wipe(**value);
    return std::optional<std::vector<std::uint8_t>>(std::move(key));
}

Result<bool> VaultKeyVault::write(const std::vector<std::uint8_t>& key) {
    std::string bytes(key.begin(), key.end());
    auto written = vault_->write(entry_, bytes);
    wipe(bytes);
    return written;
}

cloud::CloudResult<bool> VaultSecretStore::put(const std::string& ref, const SecretKey& secret) {
    if (!cloud::valid_store_ref(ref)) return cloud::cloud_error(cloud::CloudErrorKind::Storage, "bad secret name " + ref);
    std::string bytes(reinterpret_cast<const char*>(secret.data()), SecretKey::kSize);
    auto written = vault_->write(entry_for(ref), bytes);
    wipe(bytes);
    if (!written)
        return cloud::cloud_error(cloud::CloudErrorKind::Storage,
                                  "cannot keep the split-key secret in " + vault_->description() + ": " + written.error().message);
    return true;
}

cloud::CloudResult<SecretKey> VaultSecretStore::get(const std::string& ref) {
    if (!cloud::valid_store_ref(ref)) return cloud::cloud_error(cloud::CloudErrorKind::Storage, "bad secret name " + ref);
    auto value = vault_->read(entry_for(ref));
    if (!value) return cloud::cloud_error(cloud::CloudErrorKind::Storage, value.error().message);
    if (!value->has_value())
        return cloud::cloud_error(cloud::CloudErrorKind::Storage, "no split-key secret " + ref + " in " + vault_->description());
    std::string& bytes = **value;
    if (bytes.size() != SecretKey::kSize) {
        wipe(bytes);
        return cloud::cloud_error(cloud::CloudErrorKind::Storage, "the split-key secret " + ref + " is damaged");
    }
    SecretKey key(std::span<const std::uint8_t, SecretKey::kSize>(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                                                  SecretKey::kSize));
    wipe(bytes);
    return key;
}

cloud::CloudResult<bool> VaultSecretStore::remove(const std::string& ref) {
    auto removed = vault_->remove(entry_for(ref));
    if (!removed) return cloud::cloud_error(cloud::CloudErrorKind::Storage, removed.error().message);
    return true;
}

} // namespace vanikeys::ui
