#include "engine/core/os_random.h"

#include <sys/random.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include <secp256k1.h>

namespace vanikeys {

void secure_wipe(void* data, std::size_t size) noexcept {
    // explicit_bzero is made for this: glibc guarantees the stores are not optimised away.
    explicit_bzero(data, size);
}

bool constant_time_equal(const void* a, const void* b, std::size_t size) noexcept {
    const auto* pa = static_cast<const volatile std::uint8_t*>(a);
    const auto* pb = static_cast<const volatile std::uint8_t*>(b);
    std::uint8_t diff = 0;
    for (std::size_t i = 0; i < size; ++i) diff |= static_cast<std::uint8_t>(pa[i] ^ pb[i]);
    return diff == 0;
}

void os_random_bytes(std::span<std::uint8_t> out) {
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t got = getrandom(out.data() + done, out.size() - done, 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error(std::string("the OS random number generator failed: ") +
                                     std::strerror(errno));
        }
        done += static_cast<std::size_t>(got);
    }
}

SecretKey random_secret_key() {
    static secp256k1_context* const ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    SecretKey key;
    do {
        os_random_bytes(key.mutable_bytes());
    } while (!secp256k1_ec_seckey_verify(ctx, key.data()));
    return key;
}

} // namespace vanikeys
