// Test helpers for the secp256k1 core: a seeded, edge-biased random source (the seed is
// printed and can be set with VANIKEYS_TEST_SEED), a deliberately simple and slow big-integer
// reference (bit-serial modular arithmetic, nothing shared with the code under test), and hex
// helpers for failure messages.
#pragma once

#include <QtGlobal>
#include <QtTest>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "engine/secp/field.h"

namespace vanikeys::secp::test {

using Bytes32 = std::array<std::uint8_t, 32>;

inline std::string hex(const std::uint8_t* data, std::size_t size) {
    static const char digits[] = "0123456789abcdef";
    std::string s;
    for (std::size_t i = 0; i < size; ++i) {
        s += digits[data[i] >> 4];
        s += digits[data[i] & 15];
    }
    return s;
}
inline std::string hex(const Bytes32& b) { return hex(b.data(), b.size()); }
// For QCOMPARE, which prints QByteArray values on a mismatch.
inline QByteArray qhex(const Bytes32& b) { return QByteArray::fromStdString(hex(b)); }
inline QByteArray qhex(const std::uint8_t* data, std::size_t size) { return QByteArray::fromStdString(hex(data, size)); }

inline Bytes32 from_hex(const char* text) {
    Bytes32 b{};
    for (int i = 0; i < 32; ++i) {
        auto nibble = [](char c) {
            return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        };
        b[i] = static_cast<std::uint8_t>(nibble(text[2 * i]) * 16 + nibble(text[2 * i + 1]));
    }
    return b;
}

// The seed for this test program: VANIKEYS_TEST_SEED if set, else a fixed default; printed once
// so that any failure can be replayed.
inline std::uint64_t test_seed() {
    static const std::uint64_t seed = [] {
        std::uint64_t s = 0x5eC9256b1ULL;
        if (const char* env = std::getenv("VANIKEYS_TEST_SEED")) s = std::strtoull(env, nullptr, 0);
        qInfo("VANIKEYS_TEST_SEED=%llu", static_cast<unsigned long long>(s));
        return s;
    }();
    return seed;
}

// ---- A slow, obviously correct reference: 256-bit values and arithmetic mod m bit by bit ----

// Little-endian 32-bit words; 17 words hold any sum or shifted value we need.
struct Big {
    std::array<std::uint32_t, 17> w{};

    static Big from_bytes(const Bytes32& b) {
        Big r;
        for (int i = 0; i < 32; ++i) r.w[i / 4] |= std::uint32_t{b[31 - i]} << (8 * (i % 4));
        return r;
    }
    Bytes32 to_bytes() const {
        Bytes32 b{};
        for (int i = 0; i < 32; ++i) b[31 - i] = static_cast<std::uint8_t>(w[i / 4] >> (8 * (i % 4)));
        return b;
    }
    bool bit(int i) const { return (w[i / 32] >> (i % 32)) & 1; }
};

inline int compare(const Big& a, const Big& b) {
    for (int i = 16; i >= 0; --i) {
        if (a.w[i] != b.w[i]) return a.w[i] < b.w[i] ? -1 : 1;
    }
    return 0;
}
inline Big add(const Big& a, const Big& b) {
    Big r;
    std::uint64_t carry = 0;
    for (int i = 0; i < 17; ++i) {
        carry += std::uint64_t{a.w[i]} + b.w[i];
        r.w[i] = static_cast<std::uint32_t>(carry);
        carry >>= 32;
    }
    return r;
}
// Precondition: a >= b.
inline Big sub(const Big& a, const Big& b) {
    Big r;
    std::int64_t borrow = 0;
    for (int i = 0; i < 17; ++i) {
        std::int64_t d = std::int64_t{a.w[i]} - b.w[i] - borrow;
        borrow = d < 0;
        r.w[i] = static_cast<std::uint32_t>(d);
    }
    return r;
}
// a mod m for a < 2^257 (one or two subtractions: m > 2^255 for both moduli we use).
inline Big reduce(Big a, const Big& m) {
    while (compare(a, m) >= 0) a = sub(a, m);
    return a;
}

// Arithmetic mod a 256-bit modulus m > 2^255.
struct Modular {
    Big m;

    Big canon(const Bytes32& b) const { return reduce(Big::from_bytes(b), m); }
    Big add(const Big& a, const Big& b) const { return reduce(test::add(a, b), m); }
    Big sub(const Big& a, const Big& b) const { return reduce(test::sub(test::add(a, m), b), m); }
    Big neg(const Big& a) const { return sub(Big{}, a); }
    // Double and add, from the top bit of b: 256 modular doublings.
    Big mul(const Big& a, const Big& b) const {
        Big acc;
        for (int i = 255; i >= 0; --i) {
            acc = add(acc, acc);
            if (b.bit(i)) acc = add(acc, a);
        }
        return acc;
    }
    Big pow(const Big& a, const Big& e) const {
        Big acc;
        acc.w[0] = 1;
        for (int i = 255; i >= 0; --i) {
            acc = mul(acc, acc);
            if (e.bit(i)) acc = mul(acc, a);
        }
        return acc;
    }
};

inline const Bytes32 kP = from_hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");
inline const Bytes32 kN = from_hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");

inline Modular mod_p() { return Modular{Big::from_bytes(kP)}; }
inline Modular mod_n() { return Modular{Big::from_bytes(kN)}; }

// Values every 256-bit routine must get right: around 0, p, n, 2^255 and 2^256, and the
// 2^256 - p and 2^256 - n folding constants.
inline std::vector<Bytes32> edge_values() {
    const char* texts[] = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000001",
        "0000000000000000000000000000000000000000000000000000000000000002",
        "00000000000000000000000000000000000000000000000000000001000003d0",
        "00000000000000000000000000000000000000000000000000000001000003d1",
        "00000000000000000000000000000000000000000000000000000001000003d2",
        "00000000000000000000000000000000ffffffffffffffffffffffffffffffff",
        "000000000000000000000000000000014551231950b75fc4402da1732fc9bebf",
        "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "8000000000000000000000000000000000000000000000000000000000000000",
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140",
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364142",
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2d",
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e",
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f",
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc30",
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc31",
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffff00000000",
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
        "00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff",
        "ffffffff00000000ffffffff00000000ffffffff00000000ffffffff00000000",
    };
    std::vector<Bytes32> out;
    for (const char* t : texts) out.push_back(from_hex(t));
    return out;
}

// Random 256-bit values biased toward the cases that break carry handling: a quarter uniform,
// a quarter long runs of equal bits, a quarter near an edge value (± a small delta), a quarter
// with random 32-bit limbs drawn from {0, 1, 0x7fffffff, 0x80000000, 0xffffffff, random}.
class EdgeRandom {
public:
    explicit EdgeRandom(std::uint64_t salt = 0) : rng_(test_seed() ^ (salt * 0x9E3779B97F4A7C15ULL)), edges_(edge_values()) {}

    std::uint64_t next64() { return rng_(); }

    Bytes32 uniform() {
        Bytes32 b;
        for (auto& byte : b) byte = static_cast<std::uint8_t>(rng_());
        return b;
    }

    Bytes32 next() {
        switch (rng_() % 4) {
        case 0: return uniform();
        case 1: return runs();
        case 2: return near_edge();
        default: return special_limbs();
        }
    }

private:
    Bytes32 runs() {
        Bytes32 b{};
        int bit = 0;
        while (bit < 256) {
            const int length = 1 + static_cast<int>(rng_() % 64);
            const bool value = rng_() & 1;
            for (int i = 0; i < length && bit < 256; ++i, ++bit) {
                if (value) b[bit / 8] |= static_cast<std::uint8_t>(0x80 >> (bit % 8));
            }
        }
        return b;
    }
    Bytes32 near_edge() {
        Big v = Big::from_bytes(edges_[rng_() % edges_.size()]);
        Big delta;
        delta.w[0] = static_cast<std::uint32_t>(rng_() % 8);
        // Wrap around 2^256 by keeping only the low 256 bits.
        Big r = (rng_() & 1) ? add(v, delta) : add(v, sub(Big{{0, 0, 0, 0, 0, 0, 0, 0, 1}}, delta));
        r.w[8] = 0;
        return r.to_bytes();
    }
    Bytes32 special_limbs() {
        static const std::uint32_t specials[] = {0, 1, 0x7fffffff, 0x80000000, 0xffffffff};
        Bytes32 b{};
        for (int i = 0; i < 8; ++i) {
            const std::uint32_t limb = (rng_() % 6 == 5) ? static_cast<std::uint32_t>(rng_()) : specials[rng_() % 5];
            for (int j = 0; j < 4; ++j) b[i * 4 + j] = static_cast<std::uint8_t>(limb >> (24 - 8 * j));
        }
        return b;
    }

    std::mt19937_64 rng_;
    std::vector<Bytes32> edges_;
};

// Most tests run once per field type: a "limbBits" data column (64: Fe64, 32: Fe32), and a
// dispatcher that calls check(F{}) for the row's type (so check is a generic lambda).
inline void add_field_column() {
    QTest::addColumn<int>("limbBits");
    QTest::newRow("Fe64") << 64;
    QTest::newRow("Fe32") << 32;
}
template <class Check>
void for_field(int limb_bits, Check check) {
    if (limb_bits == 64) check(Fe64{});
    else check(Fe32{});
}

} // namespace vanikeys::secp::test
