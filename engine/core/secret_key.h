// SecretKey: a 32-byte secp256k1 private key (or split-key secret) that cannot be copied by
// accident, never prints, and wipes itself when destroyed.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "engine/core/secure_memory.h"

namespace vanikeys {

class SecretKey {
public:
    static constexpr std::size_t kSize = 32;

    SecretKey() noexcept { bytes_.fill(0); }
    explicit SecretKey(std::span<const std::uint8_t, kSize> bytes) noexcept {
        for (std::size_t i = 0; i < kSize; ++i) bytes_[i] = bytes[i];
    }
    ~SecretKey() { wipe(); }

    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;
    // Moving transfers the secret and wipes the source, so only one live copy exists.
    SecretKey(SecretKey&& other) noexcept : bytes_(other.bytes_) { other.wipe(); }
    SecretKey& operator=(SecretKey&& other) noexcept {
        if (this != &other) {
            bytes_ = other.bytes_;
            other.wipe();
        }
        return *this;
    }

    // An explicit, searchable name for the rare places that need a second copy.
    [[nodiscard]] SecretKey clone() const noexcept { return SecretKey(std::span<const std::uint8_t, kSize>(bytes_)); }

    [[nodiscard]] std::span<const std::uint8_t, kSize> bytes() const noexcept { return bytes_; }
    [[nodiscard]] std::span<std::uint8_t, kSize> mutable_bytes() noexcept { return bytes_; }
    [[nodiscard]] const std::uint8_t* data() const noexcept { return bytes_.data(); }
    [[nodiscard]] std::uint8_t* data() noexcept { return bytes_.data(); }

    void wipe() noexcept { secure_wipe(bytes_.data(), bytes_.size()); }

    friend bool operator==(const SecretKey& a, const SecretKey& b) noexcept {
        return constant_time_equal(a.bytes_.data(), b.bytes_.data(), kSize);
    }

private:
    std::array<std::uint8_t, kSize> bytes_;
};

} // namespace vanikeys
