// libsecp256k1 as the reference for point tests: key -> public key, combine, tweak-multiply,
// negate, parse and serialize, with conversions to and from our Affine<F>.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include <secp256k1.h>

#include "engine/secp/group.h"
#include "secp_test_support.h"

namespace vanikeys::secp::test {

using Bytes65 = std::array<std::uint8_t, 65>;
using Bytes33 = std::array<std::uint8_t, 33>;

class LibSecp {
public:
    LibSecp() : ctx_(secp256k1_context_create(SECP256K1_CONTEXT_NONE)) {}
    ~LibSecp() { secp256k1_context_destroy(ctx_); }
    LibSecp(const LibSecp&) = delete;
    LibSecp& operator=(const LibSecp&) = delete;

    // k * G, or nothing when k is 0 or >= n (not a valid secret key).
    std::optional<secp256k1_pubkey> pubkey(const Bytes32& key) const {
        secp256k1_pubkey pk;
        if (!secp256k1_ec_pubkey_create(ctx_, &pk, key.data())) return std::nullopt;
        return pk;
    }
    // a + b, or nothing when the sum is the point at infinity.
    std::optional<secp256k1_pubkey> combine(const secp256k1_pubkey& a, const secp256k1_pubkey& b) const {
        const secp256k1_pubkey* ins[2] = {&a, &b};
        secp256k1_pubkey out;
        if (!secp256k1_ec_pubkey_combine(ctx_, &out, ins, 2)) return std::nullopt;
        return out;
    }
    // k * a, or nothing for k = 0 or k >= n.
    std::optional<secp256k1_pubkey> tweak_mul(secp256k1_pubkey a, const Bytes32& k) const {
        if (!secp256k1_ec_pubkey_tweak_mul(ctx_, &a, k.data())) return std::nullopt;
        return a;
    }
    secp256k1_pubkey negate(secp256k1_pubkey a) const {
        const int ok = secp256k1_ec_pubkey_negate(ctx_, &a); // cannot fail for a valid key
        Q_ASSERT(ok == 1);
        (void)ok;
        return a;
    }
    std::optional<secp256k1_pubkey> parse(const std::uint8_t* data, std::size_t size) const {
        secp256k1_pubkey pk;
        if (!secp256k1_ec_pubkey_parse(ctx_, &pk, data, size)) return std::nullopt;
        return pk;
    }
    Bytes65 uncompressed(const secp256k1_pubkey& pk) const {
        Bytes65 out;
        std::size_t size = out.size();
        secp256k1_ec_pubkey_serialize(ctx_, out.data(), &size, &pk, SECP256K1_EC_UNCOMPRESSED);
        return out;
    }
    Bytes33 compressed(const secp256k1_pubkey& pk) const {
        Bytes33 out;
        std::size_t size = out.size();
        secp256k1_ec_pubkey_serialize(ctx_, out.data(), &size, &pk, SECP256K1_EC_COMPRESSED);
        return out;
    }

    template <class F>
    Affine<F> to_affine(const secp256k1_pubkey& pk) const {
        const Bytes65 u = uncompressed(pk);
        return Affine<F>::from_xy(F::from_bytes_be(u.data() + 1), F::from_bytes_be(u.data() + 33));
    }
    template <class F>
    secp256k1_pubkey from_affine(const Affine<F>& p) const {
        Bytes65 u;
        u[0] = 0x04;
        p.x.to_bytes_be(u.data() + 1);
        p.y.to_bytes_be(u.data() + 33);
        return *parse(u.data(), u.size());
    }

private:
    secp256k1_context* ctx_;
};

// "0x04 || x || y" of an affine point, or 65 zero bytes for infinity (what comparisons need).
template <class F>
Bytes65 encode(const Affine<F>& p) {
    Bytes65 out{};
    if (p.infinity) return out;
    out[0] = 0x04;
    p.x.to_bytes_be(out.data() + 1);
    p.y.to_bytes_be(out.data() + 33);
    return out;
}
inline Bytes65 encode(const LibSecp& lib, const std::optional<secp256k1_pubkey>& pk) {
    return pk ? lib.uncompressed(*pk) : Bytes65{};
}
inline QByteArray qhex(const Bytes65& b) { return qhex(b.data(), b.size()); }
inline QByteArray qhex(const Bytes33& b) { return qhex(b.data(), b.size()); }

// A random valid secret key (1 <= k < n), edge-biased.
inline Bytes32 random_key(EdgeRandom& rng) {
    for (;;) {
        const Bytes32 k = rng.next();
        bool overflow = false;
        Big v = Big::from_bytes(k);
        overflow = compare(v, Big::from_bytes(kN)) >= 0;
        if (!overflow && compare(v, Big{}) != 0) return k;
    }
}

// The Jacobian form of p with a random Z (so the formulas see Z != 1).
template <class F>
Jacobian<F> scaled_jacobian(const Affine<F>& p, EdgeRandom& rng) {
    if (p.infinity) return Jacobian<F>::at_infinity();
    F z = F::from_bytes_be(rng.next().data());
    if (z.is_zero()) z = F::one();
    const F z2 = z.sqr();
    return Jacobian<F>{p.x * z2, p.y * z2 * z, z, false};
}

} // namespace vanikeys::secp::test
