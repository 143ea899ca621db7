// base58 and base58check: Bitcoin Core's base58_encode_decode.json vectors, decoding errors,
// checksums, and the hot-path base58_digits against the string encoder on random inputs.
#include <QtTest>

#include <string>

#include "engine/encoding/base58.h"
#include "engine/hash/hash160.h"
#include "hash_test_support.h"

using namespace vanikeys::encoding;
using vanikeys::test::from_hex;
using vanikeys::test::hex;

namespace {

// base58_digits<kBytes, kDigits> of the bytes, as text with leading '1's removed.
template <int kBytes, int kDigits>
std::string digits_text(const std::vector<std::uint8_t>& bytes) {
    std::uint8_t digits[kDigits];
    base58_digits<kBytes, kDigits>(bytes.data(), digits);
    std::string text;
    for (std::uint8_t d : digits) {
        if (d >= 58) return "digit out of range";
        text += kBase58Alphabet[d];
    }
    return text;
}

std::string strip_ones(const std::string& s) {
    const std::size_t first = s.find_first_not_of('1');
    return first == std::string::npos ? std::string() : s.substr(first);
}

// Random kBytes inputs below 58^kDigits (top byte limited to top_byte_max) against the string
// encoder: the same digits once both drop their leading zeros ('1's).
template <int kBytes, int kDigits>
void check_digits_against_encoder(std::mt19937_64& rng, std::uint8_t top_byte_max, int count) {
    for (int rep = 0; rep < count; ++rep) {
        auto bytes = vanikeys::test::edgy_bytes(rng, kBytes);
        bytes[0] = static_cast<std::uint8_t>(bytes[0] % (top_byte_max + 1));
        const std::string fast = digits_text<kBytes, kDigits>(bytes);
        const std::string slow = base58_encode(bytes);
        if (strip_ones(fast) != strip_ones(slow) || fast.size() != kDigits)
            QFAIL(("base58_digits<" + std::to_string(kBytes) + "," + std::to_string(kDigits) +
                   "> of " + hex(bytes) + " gave " + fast + ", the encoder " + slow).c_str());
    }
}

} // namespace

class TestBase58 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bitcoinCoreVectors_data() {
        QTest::addColumn<QByteArray>("hexData");
        QTest::addColumn<QString>("text");
        // bitcoin/src/test/data/base58_encode_decode.json
        const char* cases[][2] = {
            {"", ""},
            {"61", "2g"},
            {"626262", "a3gV"},
            {"636363", "aPEr"},
            {"73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"},
            {"00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"},
            {"516b6fcd0f", "ABnLTmg"},
            {"bf4f89001e670274dd", "3SEo3LWLoPntC"},
            {"572e4794", "3EFU7m"},
            {"ecac89cad93923c02321", "EJDM8drfXA6uyA"},
            {"10c8511e", "Rt5zm"},
            {"00000000000000000000", "1111111111"},
            {"00000000000000000000000000000000000000000000000000000000000000000000000000000000",
             "1111111111111111111111111111111111111111"},
            {"00000000000000000000000000000000000000000000000000000000000000000000000000000001",
             "1111111111111111111111111111111111111112"},
            {"000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5",
             "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"},
            {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b"
             "2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f50515253545556575859"
             "5a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f80818283848586"
             "8788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3"
             "b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0"
             "e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
             "1cWB5HCBdLjAuqGGReWE3R3CguuwSjw6RHn39s2yuDRTS5NsBgNiFpWgAnEx6VQi8csexkgYw3mdYrMHr8x9i7aEw"
             "P8kZ7vccXWqKDvGv3u1GxFKPuAkn8JCPPGDMf3vMMnbzm6Nh9zh1gcNsMvH3ZNLmP5fSG6DGbbi2tuwMWPthr4boW"
             "wCxf7ewSgNQeacyozhKDDQQ1qL5fQFUW52QKUZDZ5fw3KXNQJMcNTcaB723LchjeKun7MuGW5qyCBZYzA1KjofN1g"
             "YBV3NqyhQJ3Ns746GNuf9N2pQPmHz4xpnSrrfCvy6TVVz5d4PdrjeshsWQwpZsZGzvbdAdN8MKV5QsBDY"},
            {"271F359E", "zzzzy"},
            {"271F359F", "zzzzz"},
            {"271F35A0", "211111"},
            {"271F35A1", "211112"},
        };
        for (const auto& c : cases)
            QTest::newRow(c[1]) << QByteArray(c[0]) << QString::fromLatin1(c[1]);
        // The json's 86 zero bytes before ec39d04c37e71e5d591881f6.
        QTest::newRow("86 zero bytes") << QByteArray(172, '0') + "ec39d04c37e71e5d591881f6"
                                       << QString(86, QLatin1Char('1')) + QStringLiteral("5TYzLYH1udmLdzCLM");
    }

    void bitcoinCoreVectors() {
        QFETCH(QByteArray, hexData);
        QFETCH(QString, text);
        const auto data = from_hex(hexData.constData());
        QCOMPARE(QString::fromStdString(base58_encode(data)), text);
        const auto decoded = base58_decode(text.toStdString());
        QVERIFY(decoded.has_value());
        QCOMPARE(hex(*decoded), hex(data));
    }

    void decodeRejectsForeignCharacters_data() {
        QTest::addColumn<QString>("text");
        for (const char* s : {"0", "O", "I", "l", "3SEo3LWLoPntC ", " 3SEo3LWLoPntC", "3SEo3LW LoPntC",
                              "3SEo3LWLoPnt0", "a+b", "\xc3\xa9"})
            QTest::newRow(s) << QString::fromUtf8(s);
    }

    void decodeRejectsForeignCharacters() {
        QFETCH(QString, text);
        QVERIFY(!base58_decode(text.toStdString()).has_value());
    }

    void base58check() {
        // Private key 1: the P2PKH addresses of its compressed and uncompressed public keys
        // (payload: version 0 and the HASH160) and its compressed mainnet WIF.
        const struct {
            const char* payload;
            const char* text;
        } cases[] = {
            {"00751e76e8199196d454941c45d1b3a323f1433bd6", "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH"},
            {"0091b24bf9f5288532960ac687abb035127b1d28a5", "1EHNa6Q4Jz2uvNExL497mE43ikXhwF6kZm"},
            {"80000000000000000000000000000000000000000000000000000000000000000101",
             "KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn"},
        };
        for (const auto& c : cases) {
            QCOMPARE(base58check_encode(from_hex(c.payload)), std::string(c.text));
            const auto payload = base58check_decode(c.text);
            QVERIFY(payload.has_value());
            QCOMPARE(hex(*payload), std::string(c.payload));
        }
        // A plain base58 string (base58_encode_decode.json) whose last 4 bytes are no checksum.
        QVERIFY(!base58check_decode("1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L").has_value());
        // A changed character, a truncated string and a too-short decoding all fail.
        QVERIFY(!base58check_decode("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMJ").has_value());
        QVERIFY(!base58check_decode("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAM").has_value());
        QVERIFY(!base58check_decode("").has_value());
        QVERIFY(!base58check_decode("2g").has_value());
        // An empty payload is four checksum bytes.
        const auto empty = base58check_decode(base58check_encode({}));
        QVERIFY(empty.has_value() && empty->empty());
    }

    void randomRoundTrips() {
        auto rng = vanikeys::test::make_rng("randomRoundTrips");
        for (std::size_t len = 0; len <= 80; ++len) {
            for (int rep = 0; rep < 20; ++rep) {
                const auto data = vanikeys::test::edgy_bytes(rng, len);
                const auto back = base58_decode(base58_encode(data));
                if (!back || *back != data) QFAIL(("round trip failed for " + hex(data)).c_str());
                const auto payload = base58check_decode(base58check_encode(data));
                if (!payload || *payload != data) QFAIL(("base58check round trip failed for " + hex(data)).c_str());
            }
        }
    }

    void digitsMatchEncoder() {
        auto rng = vanikeys::test::make_rng("digitsMatchEncoder");
        check_digits_against_encoder<35, 48>(rng, 0xff, 20000);  // did:key (any 35 bytes fit)
        check_digits_against_encoder<25, 34>(rng, 0x7f, 20000);  // P2PKH (< 2^199 < 58^34)
        check_digits_against_encoder<25, 34>(rng, 0x00, 20000);  // real P2PKH: version byte 0
        check_digits_against_encoder<32, 44>(rng, 0xff, 5000);
        check_digits_against_encoder<21, 29>(rng, 0xff, 5000);
        check_digits_against_encoder<1, 2>(rng, 0xff, 500);
        check_digits_against_encoder<4, 6>(rng, 0xff, 2000);
        check_digits_against_encoder<5, 7>(rng, 0xff, 2000);
        check_digits_against_encoder<7, 10>(rng, 0xff, 2000);
    }

    void digitsOfDidKeyPrefixes() {
        // Every did:key value starts with the digits of "Q3sh" (SPEC §1's fixed lead).
        auto rng = vanikeys::test::make_rng("digitsOfDidKeyPrefixes");
        for (int rep = 0; rep < 2000; ++rep) {
            auto bytes = vanikeys::test::edgy_bytes(rng, 35);
            bytes[0] = 0xe7;
            bytes[1] = 0x01;
            bytes[2] = (rep & 1) ? 0x03 : 0x02;
            const std::string text = digits_text<35, 48>(bytes);
            QCOMPARE(text.substr(0, 4), std::string("Q3sh"));
            QCOMPARE(text, base58_encode(bytes));
        }
    }

    void digitsKnownAddresses() {
        // W3C did:key spec example (SPEC §1).
        const auto did = from_hex("e701" "03874c15c7fda20e539c6e5ba573c139884c351188799f5458b4b41f7924f235cd");
        QCOMPARE((digits_text<35, 48>(did)), std::string("Q3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"));
        // P2PKH of private key 1: version, HASH160 of the compressed key, checksum.
        const auto key = from_hex("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        std::vector<std::uint8_t> payload(25, 0);
        vanikeys::hash::hash160_33(key.data(), payload.data() + 1);
        vanikeys::hash::sha256d_checksum(payload.data(), 21, payload.data() + 21);
        QCOMPARE((digits_text<25, 34>(payload)), std::string("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH"));
    }

    void digitsEdgeValues() {
        const std::vector<std::uint8_t> zeros(35, 0);
        QCOMPARE((digits_text<35, 48>(zeros)), std::string(48, '1'));
        const std::vector<std::uint8_t> ones(35, 0xff);
        QCOMPARE((digits_text<35, 48>(ones)), base58_encode(ones));
        // Above the precondition (value >= 58^34): the digits of the value modulo 58^34.
        const std::vector<std::uint8_t> big(25, 0xff);
        const std::string full = base58_encode(big);
        QCOMPARE((digits_text<25, 34>(big)), full.substr(full.size() - 34));
    }
};

QTEST_GUILESS_MAIN(TestBase58)
#include "test_base58.moc"
