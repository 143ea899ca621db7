// SecretKey and the OS CSPRNG: keys are valid, distinct, move without copies, and wipe.
#include <QtTest>

#include <set>

#include <secp256k1.h>

#include "engine/core/os_random.h"
#include "engine/core/secret_key.h"

using vanikeys::SecretKey;

class TestSecretKey : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void randomKeysAreValidAndDistinct() {
        secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
        std::set<std::array<std::uint8_t, 32>> seen;
        for (int i = 0; i < 1000; ++i) {
            SecretKey key = vanikeys::random_secret_key();
            QVERIFY(secp256k1_ec_seckey_verify(ctx, key.data()));
            std::array<std::uint8_t, 32> copy{};
            std::copy(key.bytes().begin(), key.bytes().end(), copy.begin());
            QVERIFY(seen.insert(copy).second);
        }
        secp256k1_context_destroy(ctx);
    }

    void moveLeavesSourceWiped() {
        SecretKey a = vanikeys::random_secret_key();
        SecretKey reference = a.clone();
        SecretKey b(std::move(a));
        QVERIFY(b == reference);
        const std::array<std::uint8_t, 32> zero{};
        QVERIFY(std::equal(a.bytes().begin(), a.bytes().end(), zero.begin())); // NOLINT(bugprone-use-after-move)
    }

    void wipeZeroes() {
        SecretKey a = vanikeys::random_secret_key();
        a.wipe();
        for (std::uint8_t byte : a.bytes()) QCOMPARE(byte, std::uint8_t{0});
    }

    void osRandomFillsLargeBuffers() {
        std::vector<std::uint8_t> buf(1 << 20, 0);
        vanikeys::os_random_bytes(buf);
        // A megabyte of CSPRNG output has every byte value; all-zero tails would mean a short read.
        std::array<int, 256> counts{};
        for (std::uint8_t v : buf) ++counts[v];
        for (int c : counts) QVERIFY(c > 3000 && c < 5200);
    }
};

QTEST_GUILESS_MAIN(TestSecretKey)
#include "test_secret_key.moc"
