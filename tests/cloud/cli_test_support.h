// What the CLI tests share: the formats every cloud search is tried in, with a pattern that a
// key of that format matches within a few hundred tries.
#pragma once

#include <QtTest>

namespace vanikeys::cloud::testdata {

// Adds the columns "format" and "pattern" and one row per key format.
inline void add_format_rows() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("pattern");
    QTest::newRow("didkey") << "didkey" << "ab";
    QTest::newRow("p2pkh") << "p2pkh" << "ab";
    QTest::newRow("eth") << "eth" << "ab";
    QTest::newRow("npub") << "npub" << "ac";  // bech32 has no b
}

} // namespace vanikeys::cloud::testdata
