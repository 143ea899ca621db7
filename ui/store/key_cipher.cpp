#include "ui/store/key_cipher.h"

#include <sodium.h>

namespace vanikeys::ui {
namespace {

bool sodium_ready() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

KeyCipher::KeyCipher() = default;

KeyCipher::~KeyCipher() { sodium_memzero(key_.data(), key_.size()); }

Result<std::shared_ptr<const KeyCipher>> KeyCipher::generate() {
    if (!sodium_ready()) return runtime_failure("libsodium could not initialise");
    std::shared_ptr<KeyCipher> cipher(new KeyCipher());
    crypto_secretbox_keygen(cipher->key_.data());
    return std::shared_ptr<const KeyCipher>(std::move(cipher));
}

Result<std::shared_ptr<const KeyCipher>> KeyCipher::from_bytes(const std::vector<std::uint8_t>& bytes) {
    if (!sodium_ready()) return runtime_failure("libsodium could not initialise");
    if (bytes.size() != kKeySize)
        return bad_input("the store key must be 32 bytes, got " + std::to_string(bytes.size()));
    std::shared_ptr<KeyCipher> cipher(new KeyCipher());
    std::copy(bytes.begin(), bytes.end(), cipher->key_.begin());
    return std::shared_ptr<const KeyCipher>(std::move(cipher));
}

std::vector<std::uint8_t> KeyCipher::seal(const SecretKey& secret) const {
    std::vector<std::uint8_t> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + SecretKey::kSize);
    randombytes_buf(box.data(), crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES, secret.data(), SecretKey::kSize, box.data(),
                          key_.data());
    return box;
}

Result<SecretKey> KeyCipher::open(const std::vector<std::uint8_t>& box) const {
    constexpr std::size_t expected = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + SecretKey::kSize;
    if (box.size() != expected) return bad_input("the encrypted key has the wrong size");
    SecretKey secret;
    if (crypto_secretbox_open_easy(secret.data(), box.data() + crypto_secretbox_NONCEBYTES,
                                   box.size() - crypto_secretbox_NONCEBYTES, box.data(), key_.data()) != 0)
        return bad_input("the key could not be decrypted: wrong store key, or the record was altered");
    return secret;
}

std::vector<std::uint8_t> KeyCipher::key_bytes() const { return {key_.begin(), key_.end()}; }

} // namespace vanikeys::ui
