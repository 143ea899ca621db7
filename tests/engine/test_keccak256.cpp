// Keccak-256 (Ethereum's padding): the known digests of "" and "abc", and random messages of
// 0..300 bytes against Qt's independent Keccak-256; the same permutation with FIPS 202
// padding against Qt's SHA3-256.
#include <QtTest>

#include <QCryptographicHash>

#include <string>

#include "engine/hash/keccak256.h"
#include "hash_test_support.h"

using namespace vanikeys::hash;
using vanikeys::test::hex;

namespace {

std::string qt_hex(const std::vector<std::uint8_t>& m, QCryptographicHash::Algorithm algorithm) {
    return QCryptographicHash::hash(vanikeys::test::as_qbytes(m), algorithm).toHex().toStdString();
}

} // namespace

class TestKeccak256 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void knownDigests_data() {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("digest");
        QTest::newRow("empty") << QByteArray()
            << QByteArray("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        QTest::newRow("abc") << QByteArray("abc")
            << QByteArray("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    }

    void knownDigests() {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, digest);
        std::uint8_t out[32];
        keccak256(reinterpret_cast<const std::uint8_t*>(message.constData()),
                  static_cast<std::size_t>(message.size()), out);
        QCOMPARE(QByteArray::fromStdString(hex(out, 32)), digest);
    }

    void sha3Padding() {
        // FIPS 202 SHA3-256("abc") — the same permutation, the standard's padding.
        std::uint8_t out[32];
        sha3_256(reinterpret_cast<const std::uint8_t*>("abc"), 3, out);
        QCOMPARE(hex(out, 32),
                 std::string("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"));
    }

    void randomMessagesMatchQt() {
        auto rng = vanikeys::test::make_rng("randomMessagesMatchQt");
        // 0..300 crosses the 136-byte rate twice; 135..137 and 271..273 are the edges.
        for (std::size_t len = 0; len <= 300; ++len) {
            for (int rep = 0; rep < 4; ++rep) {
                const auto m = vanikeys::test::edgy_bytes(rng, len);
                std::uint8_t out[32];
                keccak256(m.data(), m.size(), out);
                if (hex(out, 32) != qt_hex(m, QCryptographicHash::Keccak_256))
                    QFAIL(("keccak256 mismatch for message " + hex(m)).c_str());
                sha3_256(m.data(), m.size(), out);
                if (hex(out, 32) != qt_hex(m, QCryptographicHash::RealSha3_256))
                    QFAIL(("sha3_256 mismatch for message " + hex(m)).c_str());
            }
        }
    }

    void singleBlockSpecialisationMatchesGeneric() {
        auto rng = vanikeys::test::make_rng("singleBlockSpecialisationMatchesGeneric");
        for (int rep = 0; rep < 2000; ++rep) {
            const auto m = vanikeys::test::edgy_bytes(rng, 64);
            std::uint8_t fast[32], generic[32];
            keccak256_64(m.data(), fast);
            keccak256(m.data(), 64, generic);
            if (hex(fast, 32) != hex(generic, 32))
                QFAIL(("keccak256_64 mismatch for " + hex(m)).c_str());
        }
    }

    void permutationConstantsFollowTheSpec() {
        // The constexpr derivations against the first and last published values (FIPS 202
        // tables / Keccak reference): RC[0], RC[1], RC[23]; rho offsets of lanes 1, 2, 24.
        QCOMPARE(keccak_detail::round_constant(0), std::uint64_t{0x0000000000000001});
        QCOMPARE(keccak_detail::round_constant(1), std::uint64_t{0x0000000000008082});
        QCOMPARE(keccak_detail::round_constant(23), std::uint64_t{0x8000000080008008});
        QCOMPARE(keccak_detail::rho_offset(0), 0);
        QCOMPARE(keccak_detail::rho_offset(1), 1);
        QCOMPARE(keccak_detail::rho_offset(2), 62);
        QCOMPARE(keccak_detail::rho_offset(24), 14);
    }
};

QTEST_GUILESS_MAIN(TestKeccak256)
#include "test_keccak256.moc"
