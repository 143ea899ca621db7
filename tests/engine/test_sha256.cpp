// SHA-256: the NIST vectors, streaming against one-shot, and every entry point against Qt's
// independent SHA-256 on random messages of 0..300 bytes.
#include <QtTest>

#include <QCryptographicHash>

#include <string>

#include "engine/hash/sha256.h"
#include "hash_test_support.h"

using namespace vanikeys::hash;
using vanikeys::test::hex;

namespace {

std::string qt_sha256_hex(const std::vector<std::uint8_t>& m) {
    return QCryptographicHash::hash(vanikeys::test::as_qbytes(m), QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

std::vector<std::uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }

} // namespace

class TestSha256 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void nistVectors_data() {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("digest");
        // FIPS 180-2 appendix B / NIST CAVP examples.
        QTest::newRow("empty") << QByteArray()
            << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::newRow("abc") << QByteArray("abc")
            << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QTest::newRow("448 bits")
            << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        QTest::newRow("896 bits")
            << QByteArray("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
            << QByteArray("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
        QTest::newRow("million a") << QByteArray(1000000, 'a')
            << QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    void nistVectors() {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, digest);
        const auto* data = reinterpret_cast<const std::uint8_t*>(message.constData());
        const auto len = static_cast<std::size_t>(message.size());
        std::uint8_t out[32];
        sha256(data, len, out);
        QCOMPARE(QByteArray::fromStdString(hex(out, 32)), digest);

        // The same message fed in uneven pieces (1, 2, 3, ... bytes) through the streaming API.
        Sha256 h;
        std::size_t pos = 0;
        for (std::size_t piece = 1; pos < len; ++piece) {
            const std::size_t take = std::min(piece % 131, len - pos);
            h.update(data + pos, take);
            pos += take;
        }
        h.finalize(out);
        QCOMPARE(QByteArray::fromStdString(hex(out, 32)), digest);
    }

    void randomMessagesMatchQt() {
        auto rng = vanikeys::test::make_rng("randomMessagesMatchQt");
        for (std::size_t len = 0; len <= 300; ++len) {
            for (int rep = 0; rep < 4; ++rep) {
                const auto m = vanikeys::test::edgy_bytes(rng, len);
                std::uint8_t out[32];
                sha256(m.data(), m.size(), out);
                if (hex(out, 32) != qt_sha256_hex(m))
                    QFAIL(("sha256 mismatch for message " + hex(m)).c_str());

                // Streaming with one random split point.
                const std::size_t split = len == 0 ? 0 : rng() % (len + 1);
                Sha256 h;
                h.update(m.data(), split).update(m.data() + split, len - split);
                h.finalize(out);
                if (hex(out, 32) != qt_sha256_hex(m))
                    QFAIL(("streaming mismatch, split " + std::to_string(split) + ", message " +
                           hex(m)).c_str());
            }
        }
    }

    void resetStartsOver() {
        Sha256 h;
        const auto abc = bytes_of("abc");
        h.update(abc.data(), abc.size());
        std::uint8_t first[32], second[32];
        h.finalize(first);
        h.reset();
        h.update(abc.data(), abc.size());
        h.finalize(second);
        QCOMPARE(hex(second, 32), hex(first, 32));
    }

    void singleBlockSpecialisationsMatchGeneric() {
        auto rng = vanikeys::test::make_rng("singleBlockSpecialisationsMatchGeneric");
        for (int rep = 0; rep < 2000; ++rep) {
            const auto key = vanikeys::test::edgy_bytes(rng, 33);
            std::uint8_t fast[32], generic[32];
            sha256_33(key.data(), fast);
            sha256(key.data(), 33, generic);
            if (hex(fast, 32) != hex(generic, 32)) QFAIL(("sha256_33 mismatch for " + hex(key)).c_str());

            std::uint32_t words[8], state[8];
            for (int i = 0; i < 8; ++i) words[i] = sha256_detail::load_be32(generic + 4 * i);
            sha256_32_words(words, state);
            std::uint8_t twice[32], expected[32];
            sha256_detail::store_state(state, twice);
            sha256(generic, 32, expected);
            if (hex(twice, 32) != hex(expected, 32))
                QFAIL(("sha256_32_words mismatch for " + hex(generic, 32)).c_str());
        }
    }

    void doubleHashAndChecksum() {
        auto rng = vanikeys::test::make_rng("doubleHashAndChecksum");
        for (std::size_t len = 0; len <= 100; ++len) {
            const auto m = vanikeys::test::random_bytes(rng, len);
            const QByteArray once =
                QCryptographicHash::hash(vanikeys::test::as_qbytes(m), QCryptographicHash::Sha256);
            const QByteArray twice = QCryptographicHash::hash(once, QCryptographicHash::Sha256);
            std::uint8_t out[32], check[4];
            sha256d(m.data(), m.size(), out);
            sha256d_checksum(m.data(), m.size(), check);
            QCOMPARE(QByteArray::fromStdString(hex(out, 32)), twice.toHex());
            QCOMPARE(QByteArray::fromStdString(hex(check, 4)), twice.left(4).toHex());
        }
    }
};

QTEST_GUILESS_MAIN(TestSha256)
#include "test_sha256.moc"
