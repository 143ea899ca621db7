// Shared by the hash and encoding tests: a reproducible random source (fixed default seed,
// printed, overridable with VANIKEYS_TEST_SEED) and hex helpers for failure messages.
#pragma once

#include <QtTest>

#include <cstdint>
#include <cstdlib>
#include <functional>
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

inline std::string lowered(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// The kSize-byte digest hash(data, len, out) of a message, as lowercase hex.
template <std::size_t kSize, class Hash>
QByteArray digest_hex(Hash hash, const QByteArray& message) {
    std::uint8_t out[kSize];
    hash(reinterpret_cast<const std::uint8_t*>(message.constData()),
         static_cast<std::size_t>(message.size()), out);
    return QByteArray::fromStdString(hex(out, kSize));
}

// Calls check(message) for `repeats` edge-biased random messages of every length 0..max_len;
// check returns "" or what went wrong, and the first failure fails the test with the message.
// Returns false on failure (QFAIL has been recorded): the caller returns.
inline bool check_random_messages(std::mt19937_64& rng, std::size_t max_len, int repeats,
                                  const std::function<std::string(const std::vector<std::uint8_t>&)>& check) {
    for (std::size_t len = 0; len <= max_len; ++len) {
        for (int rep = 0; rep < repeats; ++rep) {
            const auto m = edgy_bytes(rng, len);
            const std::string problem = check(m);
            if (!problem.empty()) {
                QTest::qFail((problem + " for message " + hex(m)).c_str(), __FILE__, __LINE__);
                return false;
            }
        }
    }
    return true;
}

// A fixed-size specialisation fast(in, out) against the generic generic(in, kIn, out) on 2000
// edge-biased random inputs of kIn bytes.
template <std::size_t kIn, std::size_t kOut, class Fast, class Generic>
void check_fixed_size_against_generic(const char* name, Fast fast, Generic generic) {
    auto rng = make_rng(name);
    for (int rep = 0; rep < 2000; ++rep) {
        const auto m = edgy_bytes(rng, kIn);
        std::uint8_t a[kOut], b[kOut];
        fast(m.data(), a);
        generic(m.data(), kIn, b);
        if (hex(a, kOut) != hex(b, kOut)) QFAIL((std::string(name) + ": mismatch for " + hex(m)).c_str());
    }
}

} // namespace vanikeys::test
