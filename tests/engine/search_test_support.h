// Shared by the searcher tests (CPU and CUDA): test patterns, and the reference check every
// reported key must pass (libsecp256k1 derivation, the string encoders, the reference scorer).
#pragma once

#include <QtTest>

#include "engine/format/address.h"
#include "engine/pattern/score.h"
#include "engine/search/search_engine.h"

namespace vanikeys::test {

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
