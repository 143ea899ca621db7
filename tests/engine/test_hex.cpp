// Hex strings and EIP-55: the EIP's own vectors, and the string form, the mask form and the
// symbol form against each other on random addresses.
#include <QtTest>

#include <string>

#include "engine/encoding/hex.h"
#include "hash_test_support.h"

using namespace vanikeys::encoding;
using vanikeys::test::hex;

namespace {

std::string lowered(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

} // namespace

class TestHex : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void encode() {
        QCOMPARE(hex_encode({}), std::string());
        const std::uint8_t bytes[] = {0x00, 0x01, 0x7f, 0x80, 0xab, 0xff};
        QCOMPARE(hex_encode(bytes), std::string("00017f80abff"));
    }

    void decodeAccepts_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("bytes");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("prefix only") << QStringLiteral("0x") << QString();
        QTest::newRow("lower") << QStringLiteral("00017f80abff") << QStringLiteral("00017f80abff");
        QTest::newRow("upper") << QStringLiteral("00017F80ABFF") << QStringLiteral("00017f80abff");
        QTest::newRow("mixed, 0x") << QStringLiteral("0xAbCd") << QStringLiteral("abcd");
        QTest::newRow("0X") << QStringLiteral("0X00ff") << QStringLiteral("00ff");
    }

    void decodeAccepts() {
        QFETCH(QString, text);
        QFETCH(QString, bytes);
        const auto decoded = hex_decode(text.toStdString());
        QVERIFY(decoded.has_value());
        QCOMPARE(QString::fromStdString(hex(*decoded)), bytes);
    }

    void decodeRejects_data() {
        QTest::addColumn<QString>("text");
        for (const char* s : {"0", "abc", "0x0", "zz", "0g", " 00", "00 ", "0x0x00", "x00", "+0"})
            QTest::newRow(s) << QString::fromLatin1(s);
    }

    void decodeRejects() {
        QFETCH(QString, text);
        QVERIFY(!hex_decode(text.toStdString()).has_value());
    }

    void eip55Vectors_data() {
        QTest::addColumn<QString>("address");
        // EIP-55's examples: mixed case, all upper, all lower.
        for (const char* a : {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                              "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                              "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                              "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
                              "0x52908400098527886E0F7030069857D2E4169EE7",
                              "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
                              "0xde709f2102306220921060314715629080e2fb77",
                              "0x27b1fdb04752bbc536007a920d24acb045561c26"})
            QTest::newRow(a) << QString::fromLatin1(a);
    }

    void eip55Vectors() {
        QFETCH(QString, address);
        const std::string expected = address.toStdString();
        const auto bytes = hex_decode(lowered(expected));
        QVERIFY(bytes && bytes->size() == 20);
        QCOMPARE(eth_checksum_address(bytes->data()), expected);

        const std::uint64_t mask = eip55_upper_mask(bytes->data());
        std::uint8_t symbols[40];
        eth_address_symbols(bytes->data(), mask, symbols);
        constexpr std::string_view kEthSymbols = "0123456789abcdefABCDEF";  // format_info.h's order
        std::string from_symbols = "0x";
        for (int i = 0; i < 40; ++i) {
            const char c = expected[2 + static_cast<std::size_t>(i)];
            QCOMPARE(((mask >> i) & 1) != 0, c >= 'A' && c <= 'F');
            from_symbols += kEthSymbols[symbols[i]];
        }
        QCOMPARE(mask >> 40, std::uint64_t{0});
        QCOMPARE(from_symbols, expected);
    }

    void maskMatchesStringOnRandomAddresses() {
        auto rng = vanikeys::test::make_rng("maskMatchesStringOnRandomAddresses");
        for (int rep = 0; rep < 5000; ++rep) {
            const auto addr = vanikeys::test::edgy_bytes(rng, 20);
            const std::string text = eth_checksum_address(addr.data());
            const std::uint64_t mask = eip55_upper_mask(addr.data());
            std::uint64_t expected = 0;
            for (int i = 0; i < 40; ++i)
                if (text[2 + static_cast<std::size_t>(i)] >= 'A' && text[2 + static_cast<std::size_t>(i)] <= 'F')
                    expected |= std::uint64_t{1} << i;
            if (mask != expected) QFAIL(("eip55 mask mismatch for " + hex(addr)).c_str());
            if (lowered(text) != "0x" + hex_encode(addr)) QFAIL(("address text wrong for " + hex(addr)).c_str());
        }
    }

    void randomRoundTrips() {
        auto rng = vanikeys::test::make_rng("randomRoundTrips");
        for (std::size_t len = 0; len <= 64; ++len) {
            const auto data = vanikeys::test::random_bytes(rng, len);
            const auto back = hex_decode(hex_encode(data));
            QVERIFY(back.has_value());
            QCOMPARE(hex(*back), hex(data));
            std::string upper = "0X" + hex_encode(data);
            for (char& c : upper)
                if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
            QCOMPARE(hex(*hex_decode(upper)), hex(data));
        }
    }
};

QTEST_GUILESS_MAIN(TestHex)
#include "test_hex.moc"
