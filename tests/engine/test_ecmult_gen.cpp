// k * G with the precomputed table and general k * P, on both field types, against
// libsecp256k1: 10,000 edge-biased random keys (compressed and uncompressed encodings), keys
// near 0 and n, the table's entries, and tweak-multiplication of random points.
#include <QtTest>

#include "engine/secp/ecmult_gen.h"
#include "engine/secp/field.h"
#include "engine/secp/serialize.h"
#include "libsecp_reference.h"

using namespace vanikeys::secp;
using namespace vanikeys::secp::test;

namespace {

Scalar scalar_of(const Bytes32& b) { return Scalar::from_bytes_be(b.data()); }

Bytes32 bytes_of(const Scalar& s) {
    Bytes32 b;
    s.to_bytes_be(b.data());
    return b;
}

} // namespace

class TestEcmultGen : public QObject {
    Q_OBJECT

    LibSecp lib_;

private Q_SLOTS:
    void initTestCase() { test_seed(); }

    void tableHoldsDigitTimesWindowBase_data() { add_field_column(); }
    void tableHoldsDigitTimesWindowBase() {
        QFETCH(int, limbBits);
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            const Affine<F>* table = gen_table<F>();
            QCOMPARE(kGenTableSize, 960);
            for (int w : {0, 1, 2, 31, 62, 63}) {
                for (int d = 1; d <= 15; ++d) {
                    // d * 16^w as a scalar: the digit d placed in window w.
                    Bytes32 k{};
                    const int bit = 4 * w;
                    k[31 - bit / 8] = static_cast<std::uint8_t>(d << (bit % 8));
                    const Affine<F>& entry = table[w * kGenDigitsPerWindow + d - 1];
                    QVERIFY(!entry.infinity && entry.on_curve_var());
                    QCOMPARE(qhex(encode(entry)), qhex(encode(lib_, lib_.pubkey(k))));
                }
            }
        });
    }

    void randomKeysMatchLibsecp_data() { add_field_column(); }
    void randomKeysMatchLibsecp() {
        QFETCH(int, limbBits);
        EdgeRandom rng(31);
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            const Affine<F>* table = gen_table<F>();
            for (int i = 0; i < 10000; ++i) {
                const Bytes32 k = random_key(rng);
                const secp256k1_pubkey pk = *lib_.pubkey(k);
                const Affine<F> p = mul_gen_var(table, scalar_of(k));
                Bytes33 compressed;
                Bytes65 uncompressed;
                serialize_compressed(p, compressed.data());
                serialize_uncompressed(p, uncompressed.data());
                if (compressed != lib_.compressed(pk) || uncompressed != lib_.uncompressed(pk)) {
                    QFAIL(("mul_gen_var differs for k=" + hex(k)).c_str());
                }
            }
        });
    }

    void keysNearEdgesMatchLibsecp_data() { add_field_column(); }
    void keysNearEdgesMatchLibsecp() {
        QFETCH(int, limbBits);
        std::vector<Scalar> keys;
        for (std::uint64_t i = 1; i <= 40; ++i) {
            keys.push_back(Scalar::from_u64(i));
            keys.push_back(-Scalar::from_u64(i)); // n - i
        }
        keys.push_back(Scalar::from_words_be(0, 0, 1, 0));                      // 2^128
        keys.push_back(Scalar::from_words_be(0x8000000000000000ULL, 0, 0, 0)); // 2^255
        keys.push_back(Scalar::from_words_be(0x7FFFFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFFFULL, 0x5D576E7357A4501DULL,
                                             0xDFE92F46681B20A0ULL)); // (n - 1) / 2
        keys.push_back(Scalar::from_words_be(0, 0, 0, ~0ULL));
        keys.push_back(Scalar::lambda());
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            for (const Scalar& k : keys) {
                const Bytes32 kb = bytes_of(k);
                QCOMPARE(qhex(encode(mul_gen_var<F>(k))), qhex(encode(lib_, lib_.pubkey(kb))));
            }
            QVERIFY(mul_gen_var<F>(Scalar::zero()).infinity);
            QVERIFY(mul_gen_var<F>(Scalar::minus_one()) == generator<F>().negated());
            // (n - 1) / 2 * G doubled is (n - 1) * G = -G.
            const Jacobian<F> half = mul_gen_jacobian_var(gen_table<F>(), keys[keys.size() - 3]);
            QVERIFY(to_affine_var(point_double(half)) == generator<F>().negated());
        });
    }

    void generalMultiplicationMatchesLibsecp_data() { add_field_column(); }
    void generalMultiplicationMatchesLibsecp() {
        QFETCH(int, limbBits);
        EdgeRandom rng(32);
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            for (int i = 0; i < 150; ++i) {
                const Bytes32 base_key = random_key(rng);
                const Bytes32 k = random_key(rng);
                const secp256k1_pubkey pk = *lib_.pubkey(base_key);
                const Affine<F> p = lib_.to_affine<F>(pk);
                QVERIFY2(qhex(encode(mul_var(p, scalar_of(k)))) == qhex(encode(lib_, lib_.tweak_mul(pk, k))),
                         ("P=" + hex(base_key) + " k=" + hex(k)).c_str());
            }
            const Affine<F> p = lib_.to_affine<F>(*lib_.pubkey(random_key(rng)));
            QVERIFY(mul_var(p, Scalar::zero()).infinity);
            QVERIFY(mul_var(p, Scalar::one()) == p);
            QVERIFY(mul_var(p, Scalar::minus_one()) == p.negated());
            QVERIFY(mul_var(Affine<F>::at_infinity(), Scalar::from_u64(5)).infinity);
            QVERIFY(mul_var(generator<F>(), Scalar::from_u64(1000)) == mul_gen_var<F>(Scalar::from_u64(1000)));
        });
    }

    // The table built for the GPU field equals the CPU one, element for element.
    void tablesAgreeAcrossFields() {
        const Affine<Fe64>* a = gen_table<Fe64>();
        const Affine<Fe32>* b = gen_table<Fe32>();
        for (int i = 0; i < kGenTableSize; ++i) QCOMPARE(qhex(encode(a[i])), qhex(encode(b[i])));
    }
};

QTEST_GUILESS_MAIN(TestEcmultGen)
#include "test_ecmult_gen.moc"
