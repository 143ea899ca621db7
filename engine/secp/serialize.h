// SEC 1 encodings of public points: compressed (33 bytes), uncompressed (65 bytes), and the
// raw x || y (64 bytes) that Ethereum hashes. Parsing rejects anything libsecp256k1 rejects:
// a wrong prefix, a coordinate >= p, or a point that is not on the curve.
#pragma once

#include <cstdint>

#include "engine/core/hd.h"
#include "engine/secp/group.h"

namespace vanikeys::secp {

// Reads a 32-byte big-endian coordinate; false if it is not below p.
template <class F>
VANIKEYS_HD bool parse_coordinate(const std::uint8_t* bytes32, F& out) {
    out = F::from_bytes_be(bytes32);
    std::uint8_t canonical[32];
    out.to_bytes_be(canonical);
    std::uint8_t diff = 0;
    for (int i = 0; i < 32; ++i) diff |= canonical[i] ^ bytes32[i];
    return diff == 0;
}

// Precondition: p is finite (the point at infinity has no encoding).
template <class F>
VANIKEYS_HD void serialize_compressed(const Affine<F>& p, std::uint8_t out[33]) {
    VANIKEYS_VERIFY_CHECK(!p.infinity);
    out[0] = p.y.is_odd() ? 0x03 : 0x02;
    p.x.to_bytes_be(out + 1);
}

template <class F>
VANIKEYS_HD void serialize_xy(const Affine<F>& p, std::uint8_t out[64]) {
    VANIKEYS_VERIFY_CHECK(!p.infinity);
    p.x.to_bytes_be(out);
    p.y.to_bytes_be(out + 32);
}

template <class F>
VANIKEYS_HD void serialize_uncompressed(const Affine<F>& p, std::uint8_t out[65]) {
    out[0] = 0x04;
    serialize_xy(p, out + 1);
}

// On success out is the point (finite) and the result is true; on failure out is unspecified.
template <class F>
VANIKEYS_HD bool parse_compressed(const std::uint8_t in[33], Affine<F>& out) {
    if (in[0] != 0x02 && in[0] != 0x03) return false;
    F x;
    if (!parse_coordinate(in + 1, x)) return false;
    F y;
    if (!(x.sqr() * x + F::from_u64(curve::kB)).sqrt_var(y)) return false;
    if (y.is_odd() != (in[0] == 0x03)) y = -y;
    out = Affine<F>::from_xy(x, y);
    return true;
}

template <class F>
VANIKEYS_HD bool parse_uncompressed(const std::uint8_t in[65], Affine<F>& out) {
    if (in[0] != 0x04) return false;
    F x, y;
    if (!parse_coordinate(in + 1, x) || !parse_coordinate(in + 33, y)) return false;
    out = Affine<F>::from_xy(x, y);
    return out.on_curve_var();
}

} // namespace vanikeys::secp
