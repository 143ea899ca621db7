// Shared by the searcher tests (CPU and CUDA): test patterns, and the reference check every
// reported key must pass (libsecp256k1 derivation, the string encoders, the reference scorer).
#pragma once

#include <QtTest>

#include <array>
#include <cstdint>

#include "engine/format/address.h"
#include "engine/pattern/matcher.h"
#include "engine/pattern/score.h"
#include "engine/search/search_engine.h"

namespace vanikeys::test {

// A pattern with its options, for tables of test cases.
struct Case {
    KeyFormat format;
    const char* pattern;
    MatchMode mode;
    bool case_sensitive;
    bool fuzzy;
};

// The compiled matcher of a test case (and its parsed pattern, when asked).
inline MatcherTables matcher_for(const Case& c, Pattern* pattern_out = nullptr) {
    auto pattern = parse_pattern(c.pattern, c.format, PatternOptions{c.mode, c.case_sensitive, c.fuzzy});
    if (!pattern) qFatal("bad test pattern %s: %s", c.pattern, pattern.error().message.c_str());
    auto matcher = compile_matcher(*pattern);
    if (!matcher) qFatal("cannot compile %s", c.pattern);
    if (pattern_out) *pattern_out = *pattern;
    return std::move(matcher.value());
}

// v as a 32-byte big-endian scalar (to add to a secret key with libsecp_secret_add).
inline std::array<std::uint8_t, 32> u64_be(std::uint64_t v) {
    std::array<std::uint8_t, 32> out{};
    for (int i = 0; i < 8; ++i) out[31 - i] = static_cast<std::uint8_t>(v >> (8 * i));
    return out;
}

inline Pattern make_pattern(KeyFormat format, const char* text, MatchMode mode) {
    auto p = parse_pattern(text, format, PatternOptions{mode, false, false});
    if (!p) qFatal("bad test pattern %s: %s", text, p.error().message.c_str());
    return *p;
}

inline void verify_local_hit(const SearchHit& hit, const Pattern& pattern) {
    QVERIFY(hit.private_key);
    QVERIFY(!hit.partial);
    auto pub = libsecp_public_key(*hit.private_key);
    QVERIFY(pub.has_value());
    QCOMPARE(*pub, hit.public_key);
    QCOMPARE(QString::fromStdString(address_of(pattern.format, *pub)), QString::fromStdString(hit.address));
    auto symbols = free_part_symbols(pattern.format, hit.address);
    QVERIFY(symbols.has_value());
    QVERIFY(score_free_part(pattern, *symbols).exact);
}

} // namespace vanikeys::test
