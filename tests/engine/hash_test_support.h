// Shared by the hash and encoding tests: a reproducible random source (fixed default seed,
// printed, overridable with VANIKEYS_TEST_SEED) and hex helpers for failure messages.
#pragma once

#include <QtTest>

#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace vanikeys::test {

inline std::uint64_t test_seed() {
    std::uint64_t seed = 0x5eed'1234'abcd'0001ull;
    if (const char* env = std::getenv("VANIKEYS_TEST_SEED")) seed = std::strtoull(env, nullptr, 0);
    return seed;
}

// A generator seeded from test_seed() and the test's name, so each test function draws the
// same inputs whether it runs alone or with the others.
inline std::mt19937_64 make_rng(const char* test_name) {
    const std::uint64_t seed = test_seed();
    qInfo("%s: VANIKEYS_TEST_SEED=0x%llx", test_name, static_cast<unsigned long long>(seed));
    std::uint64_t mixed = seed;
    for (const char* p = test_name; *p != 0; ++p) mixed = (mixed ^ static_cast<unsigned char>(*p)) * 0x100000001b3ull;
    return std::mt19937_64(mixed);
}

inline std::vector<std::uint8_t> random_bytes(std::mt19937_64& rng, std::size_t n) {
    std::vector<std::uint8_t> v(n);
    for (auto& b : v) b = static_cast<std::uint8_t>(rng());
    return v;
}

// Random bytes biased to the edges: runs of 0x00 and 0xff bits, as well as uniform bytes.
inline std::vector<std::uint8_t> edgy_bytes(std::mt19937_64& rng, std::size_t n) {
    std::vector<std::uint8_t> v(n);
    const int mode = static_cast<int>(rng() % 4);
    for (auto& b : v) {
        const std::uint64_t r = rng();
        if (mode == 0) b = static_cast<std::uint8_t>(r);
        else if (mode == 1) b = (r & 1) ? 0xff : 0x00;
        else if (mode == 2) b = (r % 8 == 0) ? static_cast<std::uint8_t>(r >> 8) : 0x00;
        else b = (r % 8 == 0) ? static_cast<std::uint8_t>(r >> 8) : 0xff;
    }
    return v;
}

inline std::string hex(const std::uint8_t* p, std::size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
        s += digits[p[i] >> 4];
        s += digits[p[i] & 15];
    }
    return s;
}

inline std::string hex(const std::vector<std::uint8_t>& v) { return hex(v.data(), v.size()); }

inline std::vector<std::uint8_t> from_hex(const char* text) {
    const QByteArray bytes = QByteArray::fromHex(QByteArray(text));
    return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

inline QByteArray as_qbytes(const std::vector<std::uint8_t>& v) {
    return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size()));
}

} // namespace vanikeys::test
