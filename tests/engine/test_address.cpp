// The four formats' address texts and the private-key texts, against published vectors and
// values computed independently (Python's hashlib and the BIP-173 reference code).
#include <QtTest>

#include "engine/format/address.h"
#include "engine/verify/libsecp.h"

using namespace vanikeys;

namespace {

SecretKey key_from_u64(std::uint64_t v) {
    SecretKey k;
    for (int i = 0; i < 8; ++i) k.mutable_bytes()[31 - i] = static_cast<std::uint8_t>(v >> (8 * i));
    return k;
}

PublicKey public_of(std::uint64_t v) {
    auto p = libsecp_public_key(key_from_u64(v));
    return *p;
}

QString q(const std::string& s) { return QString::fromStdString(s); }

} // namespace

class TestAddress : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void privateKeyOneVectors_data() {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("address");
        // p2pkh and eth: the vectors named in the issue; did:key and npub computed independently.
        QTest::newRow("p2pkh") << int(KeyFormat::P2pkh) << QStringLiteral("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH");
        QTest::newRow("eth") << int(KeyFormat::Eth) << QStringLiteral("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
        QTest::newRow("didkey") << int(KeyFormat::DidKey)
                                << QStringLiteral("did:key:zQ3shVc2UkAfJCdc1TR8E66J85h48P43r93q8jGPkPpjF9Ef9");
        QTest::newRow("npub") << int(KeyFormat::Npub)
                              << QStringLiteral("npub10xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqpkge6d");
    }
    void privateKeyOneVectors() {
        QFETCH(int, format);
        QFETCH(QString, address);
        QCOMPARE(q(address_of(static_cast<KeyFormat>(format), public_of(1))), address);
    }

    void didKeySpecVector() {
        // SPEC §1 / W3C did:key: this did:key encodes 03874c15...235cd.
        const auto key = parse_public_key_hex("03874c15c7fda20e539c6e5ba573c139884c351188799f5458b4b41f7924f235cd");
        QVERIFY(key.ok());
        QCOMPARE(q(address_of(KeyFormat::DidKey, *key)),
                 QStringLiteral("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"));
    }

    void secretTexts() {
        const SecretKey one = key_from_u64(1);
        QCOMPARE(q(secret_hex(one)), QStringLiteral("0000000000000000000000000000000000000000000000000000000000000001"));
        QCOMPARE(q(secret_wif(one)), QStringLiteral("KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn"));
        QCOMPARE(q(secret_nsec(one)), QStringLiteral("nsec1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqsmhltgl"));
    }

    void parseSecretAcceptsEveryText_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("hex") << QStringLiteral("0000000000000000000000000000000000000000000000000000000000000001");
        QTest::newRow("0x hex") << QStringLiteral("0x0000000000000000000000000000000000000000000000000000000000000001");
        QTest::newRow("upper hex") << QStringLiteral("000000000000000000000000000000000000000000000000000000000000000 1").remove(QLatin1Char(' '));
        QTest::newRow("wif") << QStringLiteral("KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn");
        QTest::newRow("nsec") << QStringLiteral("nsec1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqsmhltgl");
        QTest::newRow("spaces") << QStringLiteral("  KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn\n");
    }
    void parseSecretAcceptsEveryText() {
        QFETCH(QString, text);
        auto key = parse_secret(text.toStdString());
        QVERIFY2(key.ok(), key.ok() ? "" : key.error().message.c_str());
        QVERIFY(*key == key_from_u64(1));
    }

    void parseSecretRejects_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("short") << QStringLiteral("abcd") << QStringLiteral("64 hex digits");
        QTest::newRow("not hex") << QStringLiteral("zz00000000000000000000000000000000000000000000000000000000000001")
                                 << QStringLiteral("not hex digits");
        QTest::newRow("zero") << QString(64, QLatin1Char('0')) << QStringLiteral("between 1 and n-1");
        QTest::newRow("n") << QStringLiteral("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141")
                           << QStringLiteral("between 1 and n-1");
        QTest::newRow("bad wif checksum") << QStringLiteral("KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWo")
                                          << QStringLiteral("checksum");
        QTest::newRow("uncompressed wif") << QStringLiteral("5HpHagT65TZzG1PH3CSu63k8DbpvD8s5ip4nEB3kEsreAnchuDf")
                                          << QStringLiteral("uncompressed");
        QTest::newRow("bad nsec") << QStringLiteral("nsec1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqsmhltgm")
                                  << QStringLiteral("nsec");
    }
    void parseSecretRejects() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        auto key = parse_secret(text.toStdString());
        QVERIFY(!key.ok());
        QCOMPARE(key.error().code, 2);
        QVERIFY2(QString::fromStdString(key.error().message).contains(expected), key.error().message.c_str());
        // A rejected key must never be echoed back: messages may end up in logs.
        if (text.size() > 8) QVERIFY(!QString::fromStdString(key.error().message).contains(text.trimmed()));
    }

    void freePartSymbols() {
        const std::string address = "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH";
        auto symbols = free_part_symbols(KeyFormat::P2pkh, address);
        QVERIFY(symbols.has_value());
        QCOMPARE(int(symbols->size()), 33);
        QCOMPARE(int((*symbols)[0]), symbol_index(KeyFormat::P2pkh, 'B'));
        auto eth = free_part_symbols(KeyFormat::Eth, "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
        QVERIFY(eth.has_value());
        QCOMPARE(int((*eth)[1]), 16 + 4);  // 'E' upper case is symbol 20
        QVERIFY(!free_part_symbols(KeyFormat::Eth, "7E5F4552091A69125d5DfCb7b8C2659029395Bdf").has_value());
        QVERIFY(!free_part_symbols(KeyFormat::P2pkh, "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAM0").has_value());
    }

    void addressesAgreeWithFreePartModelForRandomKeys() {
        // Every derived address has the format's lead and a free part of a valid length.
        for (std::uint64_t v = 2; v < 300; ++v) {
            const PublicKey key = public_of(v * 7919);
            for (const FormatInfo& info : kFormats) {
                const std::string a = address_of(info.id, key);
                auto symbols = free_part_symbols(info.id, a);
                QVERIFY2(symbols.has_value(), a.c_str());
                QVERIFY(int(symbols->size()) >= (info.id == KeyFormat::P2pkh ? 24 : info.free_min_length));
                QVERIFY(int(symbols->size()) <= info.free_max_length);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestAddress)
#include "test_address.moc"
