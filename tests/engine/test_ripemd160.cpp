// RIPEMD-160 and HASH160: the vectors of the RIPEMD-160 paper, Bitcoin's HASH160 of the
// generator, and random messages of 0..300 bytes against OpenSSL's RIPEMD-160 (an
// independent implementation; skipped where the build has no libcrypto).
#include <QtTest>

#include <QCryptographicHash>

#include <string>

#include "engine/hash/hash160.h"
#include "engine/hash/ripemd160.h"
#include "hash_test_support.h"

#if defined(VANIKEYS_TEST_HAVE_LIBCRYPTO)
#include <openssl/evp.h>
#endif

using namespace vanikeys::hash;
using vanikeys::test::hex;

namespace {

// RIPEMD-160 from OpenSSL, or "" when this build or OpenSSL's providers lack it.
std::string openssl_ripemd160_hex(const std::vector<std::uint8_t>& m) {
#if defined(VANIKEYS_TEST_HAVE_LIBCRYPTO)
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    EVP_MD* ripemd = EVP_MD_fetch(nullptr, "RIPEMD160", nullptr);
    if (ripemd == nullptr) return {};
    const int ok = EVP_Digest(m.data(), m.size(), md, &md_len, ripemd, nullptr);
    EVP_MD_free(ripemd);
    return ok == 1 ? hex(md, md_len) : std::string();
#else
    (void)m;
    return {};
#endif
}

} // namespace

class TestRipemd160 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void paperVectors_data() {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("digest");
        // Dobbertin, Bosselaers, Preneel: "RIPEMD-160: A Strengthened Version of RIPEMD", test values.
        QTest::newRow("empty") << QByteArray() << QByteArray("9c1185a5c5e9fc54612808977ee8f548b2258d31");
        QTest::newRow("a") << QByteArray("a") << QByteArray("0bdc9d2d256b3ee9daae347be6f4dc835a467ffe");
        QTest::newRow("abc") << QByteArray("abc") << QByteArray("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
        QTest::newRow("message digest") << QByteArray("message digest")
                                        << QByteArray("5d0689ef49d2fae572b881b123a85ffa21595f36");
        QTest::newRow("a..z") << QByteArray("abcdefghijklmnopqrstuvwxyz")
                              << QByteArray("f71c27109c692c1b56bbdceb5b9d2865b3708dbc");
        QTest::newRow("448 bits") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                  << QByteArray("12a053384a9c0c88e405a06c27dcf49ada62eb2b");
        QTest::newRow("A..Za..z0..9")
            << QByteArray("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
            << QByteArray("b0e20b6e3116640286ed3a87a5713079b21f5189");
        QTest::newRow("8 x 1234567890") << QByteArray("1234567890").repeated(8)
                                        << QByteArray("9b752e45573d4b39f4dbd3323cab82bf63326bfb");
        QTest::newRow("million a") << QByteArray(1000000, 'a')
                                   << QByteArray("52783243c1697bdbe16d37f97f68f08325dc1528");
    }

    void paperVectors() {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, digest);
        std::uint8_t out[20];
        ripemd160(reinterpret_cast<const std::uint8_t*>(message.constData()),
                  static_cast<std::size_t>(message.size()), out);
        QCOMPARE(QByteArray::fromStdString(hex(out, 20)), digest);
    }

    void randomMessagesMatchOpenSsl() {
        if (openssl_ripemd160_hex({}).empty()) QSKIP("no OpenSSL RIPEMD-160 in this build");
        auto rng = vanikeys::test::make_rng("randomMessagesMatchOpenSsl");
        for (std::size_t len = 0; len <= 300; ++len) {
            for (int rep = 0; rep < 4; ++rep) {
                const auto m = vanikeys::test::edgy_bytes(rng, len);
                std::uint8_t out[20];
                ripemd160(m.data(), m.size(), out);
                if (hex(out, 20) != openssl_ripemd160_hex(m))
                    QFAIL(("ripemd160 mismatch for message " + hex(m)).c_str());
            }
        }
    }

    void singleBlockSpecialisationMatchesGeneric() {
        auto rng = vanikeys::test::make_rng("singleBlockSpecialisationMatchesGeneric");
        for (int rep = 0; rep < 2000; ++rep) {
            const auto m = vanikeys::test::edgy_bytes(rng, 32);
            std::uint8_t fast[20], generic[20];
            ripemd160_32(m.data(), fast);
            ripemd160(m.data(), 32, generic);
            if (hex(fast, 20) != hex(generic, 20))
                QFAIL(("ripemd160_32 mismatch for " + hex(m)).c_str());
        }
    }

    void hash160OfGenerator() {
        // Bitcoin: HASH160 of the generator's compressed key (BIP-173's P2WPKH example program).
        const auto g = vanikeys::test::from_hex(
            "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        std::uint8_t out[20];
        hash160_33(g.data(), out);
        QCOMPARE(hex(out, 20), std::string("751e76e8199196d454941c45d1b3a323f1433bd6"));
        hash160(g.data(), g.size(), out);
        QCOMPARE(hex(out, 20), std::string("751e76e8199196d454941c45d1b3a323f1433bd6"));
    }

    void hash160MatchesComposition() {
        // HASH160 against Qt's SHA-256 followed by the generic RIPEMD-160.
        auto rng = vanikeys::test::make_rng("hash160MatchesComposition");
        for (int rep = 0; rep < 2000; ++rep) {
            const auto key = vanikeys::test::edgy_bytes(rng, 33);
            const QByteArray sha =
                QCryptographicHash::hash(vanikeys::test::as_qbytes(key), QCryptographicHash::Sha256);
            std::uint8_t expected[20], got[20];
            ripemd160(reinterpret_cast<const std::uint8_t*>(sha.constData()), 32, expected);
            hash160_33(key.data(), got);
            if (hex(got, 20) != hex(expected, 20)) QFAIL(("hash160_33 mismatch for " + hex(key)).c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestRipemd160)
#include "test_ripemd160.moc"
