// Bech32 and NIP-19: BIP-173's valid and invalid strings, the NIP-19 examples, convert_bits,
// and the hot-path npub symbols against the string encoder on random keys.
#include <QtTest>

#include <string>

#include "engine/encoding/bech32.h"
#include "hash_test_support.h"

using namespace vanikeys::encoding;
using vanikeys::test::from_hex;
using vanikeys::test::hex;

namespace {

std::string lowered(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

} // namespace

class TestBech32 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bip173Valid_data() {
        QTest::addColumn<QByteArray>("text");
        // BIP-173, "Test vectors": valid bech32 strings.
        for (const char* s :
             {"A12UEL5L", "a12uel5l",
              "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
              "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
              "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
              "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w", "?1ezyfcl"})
            QTest::newRow(s) << QByteArray(s);
    }

    void bip173Valid() {
        QFETCH(QByteArray, text);
        const auto decoded = bech32_decode(text.toStdString());
        QVERIFY(decoded.has_value());
        // Re-encoding gives the lower-case form back.
        QCOMPARE(bech32_encode(decoded->hrp, decoded->data), lowered(text.toStdString()));
    }

    void bip173Invalid_data() {
        QTest::addColumn<QByteArray>("text");
        // BIP-173, "Test vectors": invalid bech32 strings, with the reason.
        QTest::newRow("hrp char 0x20") << QByteArray("\x20" "1nwldj5");
        QTest::newRow("hrp char 0x7f") << QByteArray("\x7f" "1axkwrx");
        QTest::newRow("hrp char 0x80") << QByteArray("\x80" "1eym55h");
        QTest::newRow("too long") << QByteArray(
            "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx");
        QTest::newRow("no separator") << QByteArray("pzry9x0s0muk");
        QTest::newRow("empty hrp") << QByteArray("1pzry9x0s0muk");
        QTest::newRow("bad data char") << QByteArray("x1b4n0q5v");
        QTest::newRow("short checksum") << QByteArray("li1dgmt3");
        QTest::newRow("bad checksum char") << QByteArray("de1lg7wt" "\xff");
        QTest::newRow("uppercase hrp checksum") << QByteArray("A1G7SGD8");
        QTest::newRow("empty hrp 2") << QByteArray("10a06t8");
        QTest::newRow("empty hrp 3") << QByteArray("1qzzfhee");
        // Further cases of ours: mixed case, a changed symbol.
        QTest::newRow("mixed case") << QByteArray("a12UEL5L");
        QTest::newRow("changed symbol") << QByteArray("a12uel5m");
    }

    void bip173Invalid() {
        QFETCH(QByteArray, text);
        QVERIFY(!bech32_decode(std::string_view(text.constData(), static_cast<std::size_t>(text.size()))).has_value());
    }

    void nip19Examples() {
        // NIP-19's examples.
        const auto x1 = from_hex("7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e");
        QCOMPARE(npub_encode(x1.data()),
                 std::string("npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg"));
        const auto x2 = from_hex("3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d");
        QCOMPARE(npub_encode(x2.data()),
                 std::string("npub180cvv07tjdrrgpa0j7j7tmnyl2yr6yr7l8j4s3evf6u64th6gkwsyjh6w6"));
        const auto decoded = npub_decode("npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg");
        QVERIFY(decoded.has_value());
        QCOMPARE(hex(decoded->data(), 32), hex(x1));

        const auto k = from_hex("67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa");
        const vanikeys::SecretKey key{std::span<const std::uint8_t, 32>(k.data(), 32)};
        QCOMPARE(nsec_encode(key),
                 std::string("nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5"));
        const auto secret = nsec_decode("nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5");
        QVERIFY(secret.has_value());
        QVERIFY(*secret == key);
    }

    void nip19Rejects() {
        // The right string for the wrong kind, a changed symbol, and a 31-byte payload.
        QVERIFY(!npub_decode("nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5"));
        QVERIFY(!nsec_decode("npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg"));
        QVERIFY(!npub_decode("npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjpth"));
        const std::vector<std::uint8_t> short_key(31, 0x42);
        const auto data = convert_bits(short_key, 8, 5, true);
        QVERIFY(!npub_decode(bech32_encode("npub", *data)));
    }

    void convertBits() {
        const std::vector<std::uint8_t> bytes = {0xff, 0x00, 0xa5};
        const auto five = convert_bits(bytes, 8, 5, true);
        QVERIFY(five.has_value());
        // 11111111 00000000 10100101 -> 11111 11100 00000 01010 0101(0)
        QCOMPARE(*five, (std::vector<std::uint8_t>{31, 28, 0, 10, 10}));
        const auto back = convert_bits(*five, 5, 8, false);
        QVERIFY(back.has_value());
        QCOMPARE(*back, bytes);
        QVERIFY(!convert_bits(std::vector<std::uint8_t>{31, 28, 0, 10, 11}, 5, 8, false));  // padding bit set
        QVERIFY(!convert_bits(std::vector<std::uint8_t>{32}, 5, 8, true));                 // not 5 bits
        QVERIFY(!convert_bits(std::vector<std::uint8_t>{1, 2}, 5, 8, false));              // 10 bits: a whole extra byte's worth missing
    }

    void npubSymbolsMatchEncoder() {
        auto rng = vanikeys::test::make_rng("npubSymbolsMatchEncoder");
        for (int rep = 0; rep < 5000; ++rep) {
            const auto x = vanikeys::test::edgy_bytes(rng, 32);
            std::uint8_t symbols[58];
            npub_symbols(x.data(), symbols);
            std::string text = "npub1";
            for (std::uint8_t s : symbols) {
                QVERIFY(s < 32);
                text += kBech32Charset[s];
            }
            const std::string expected = npub_encode(x.data());
            if (text != expected) QFAIL(("npub symbols of " + hex(x) + " gave " + text + ", expected " + expected).c_str());
            std::uint8_t polymod[6];
            npub_checksum_symbols_polymod(symbols, polymod);  // the device's way
            for (int i = 0; i < 6; ++i) QCOMPARE(polymod[i], symbols[52 + i]);
            const auto back = npub_decode(text);
            if (!back || hex(back->data(), 32) != hex(x)) QFAIL(("npub round trip failed for " + hex(x)).c_str());
        }
    }

    void randomEncodeDecode() {
        auto rng = vanikeys::test::make_rng("randomEncodeDecode");
        for (int rep = 0; rep < 2000; ++rep) {
            std::string hrp(1 + rng() % 10, 'a');
            for (char& c : hrp) c = static_cast<char>(33 + rng() % 94);
            std::vector<std::uint8_t> data(rng() % 60);
            for (auto& v : data) v = static_cast<std::uint8_t>(rng() % 32);
            const std::string text = bech32_encode(hrp, data);
            QVERIFY(!text.empty());
            const auto decoded = bech32_decode(text);
            if (text.size() > 90) {
                QVERIFY(!decoded.has_value());
                continue;
            }
            if (!decoded || decoded->hrp != lowered(hrp) || decoded->data != data)
                QFAIL(("bech32 round trip failed for " + text).c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestBech32)
#include "test_bech32.moc"
