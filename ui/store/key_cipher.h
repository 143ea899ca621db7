// KeyCipher: the results store's encryption of private keys (libsodium crypto_secretbox:
// XSalsa20-Poly1305 with a fresh random nonce per key). Widgets never see it; the store does.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/core/result.h"
#include "engine/core/secret_key.h"

namespace vanikeys::ui {

class KeyCipher {
public:
    static constexpr std::size_t kKeySize = 32;

    // A fresh random store key. Fails (code 3) only if libsodium cannot initialise.
    static Result<std::shared_ptr<const KeyCipher>> generate();
    // From the 32 bytes a key vault returned; `bytes` is wiped by the caller.
    static Result<std::shared_ptr<const KeyCipher>> from_bytes(const std::vector<std::uint8_t>& bytes);

    ~KeyCipher();
    KeyCipher(const KeyCipher&) = delete;
    KeyCipher& operator=(const KeyCipher&) = delete;

    // nonce || MAC || ciphertext of the 32 secret bytes.
    [[nodiscard]] std::vector<std::uint8_t> seal(const SecretKey& secret) const;
    // Fails (code 2) when `box` was sealed under another key or was altered.
    [[nodiscard]] Result<SecretKey> open(const std::vector<std::uint8_t>& box) const;
    // The key itself, for a vault to keep. Handle like a private key.
    [[nodiscard]] std::vector<std::uint8_t> key_bytes() const;

private:
    KeyCipher();
    std::array<std::uint8_t, kKeySize> key_{};
};

} // namespace vanikeys::ui
