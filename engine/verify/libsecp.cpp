#include "engine/verify/libsecp.h"

#include <secp256k1.h>

#include "engine/core/os_random.h"

namespace vanikeys {
namespace {

// One context for the process: libsecp256k1 contexts are thread-safe for all the const-context
// calls we make, and creating one is comparatively expensive.
const secp256k1_context* context() {
    static secp256k1_context* const ctx = [] {
        secp256k1_context* c = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
        // Randomising the context hardens the signing/keygen tables against side channels.
        std::array<std::uint8_t, 32> seed{};
        SecretKey random_seed = random_secret_key();
        std::copy(random_seed.bytes().begin(), random_seed.bytes().end(), seed.begin());
        if (!secp256k1_context_randomize(c, seed.data())) { /* keeps the default tables */ }
        secure_wipe(seed.data(), seed.size());
        return c;
    }();
    return ctx;
}

std::optional<PublicKey> serialize(const secp256k1_pubkey& pk) {
    PublicKey out;
    std::size_t len = out.compressed.size();
    secp256k1_ec_pubkey_serialize(context(), out.compressed.data(), &len, &pk, SECP256K1_EC_COMPRESSED);
    std::array<std::uint8_t, 65> full{};
    len = full.size();
    secp256k1_ec_pubkey_serialize(context(), full.data(), &len, &pk, SECP256K1_EC_UNCOMPRESSED);
    std::copy(full.begin() + 1, full.end(), out.xy.begin());
    return out;
}

bool parse(const PublicKey& q, secp256k1_pubkey& out) {
    return secp256k1_ec_pubkey_parse(context(), &out, q.compressed.data(), q.compressed.size()) == 1;
}

} // namespace

std::optional<PublicKey> libsecp_public_key(const SecretKey& secret) {
    secp256k1_pubkey pk;
    if (!secp256k1_ec_pubkey_create(context(), &pk, secret.data())) return std::nullopt;
    return serialize(pk);
}

std::optional<PublicKey> libsecp_parse_public_key(const std::uint8_t* data, std::size_t size) {
    secp256k1_pubkey pk;
    if (!secp256k1_ec_pubkey_parse(context(), &pk, data, size)) return std::nullopt;
    return serialize(pk);
}

bool libsecp_secret_add(SecretKey& secret, const std::array<std::uint8_t, 32>& tweak) {
    return secp256k1_ec_seckey_tweak_add(context(), secret.data(), tweak.data()) == 1;
}

bool libsecp_secret_mul(SecretKey& secret, const std::array<std::uint8_t, 32>& tweak) {
    return secp256k1_ec_seckey_tweak_mul(context(), secret.data(), tweak.data()) == 1;
}

bool libsecp_secret_negate(SecretKey& secret) {
    return secp256k1_ec_seckey_negate(context(), secret.data()) == 1;
}

bool libsecp_secret_valid(const SecretKey& secret) {
    return secp256k1_ec_seckey_verify(context(), secret.data()) == 1;
}

std::optional<PublicKey> libsecp_public_add_tweak(const PublicKey& q, const std::array<std::uint8_t, 32>& tweak) {
    secp256k1_pubkey pk;
    if (!parse(q, pk) || !secp256k1_ec_pubkey_tweak_add(context(), &pk, tweak.data())) return std::nullopt;
    return serialize(pk);
}

std::optional<PublicKey> libsecp_public_mul_tweak(const PublicKey& q, const std::array<std::uint8_t, 32>& tweak) {
    secp256k1_pubkey pk;
    if (!parse(q, pk) || !secp256k1_ec_pubkey_tweak_mul(context(), &pk, tweak.data())) return std::nullopt;
    return serialize(pk);
}

std::optional<PublicKey> libsecp_public_negate(const PublicKey& q) {
    secp256k1_pubkey pk;
    if (!parse(q, pk) || !secp256k1_ec_pubkey_negate(context(), &pk)) return std::nullopt;
    return serialize(pk);
}

} // namespace vanikeys
