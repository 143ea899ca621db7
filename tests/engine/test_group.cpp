// Point arithmetic on both field types against libsecp256k1: addition (Jacobian and mixed,
// with random Z), doubling, every special case, negation, conversion to affine one at a time
// and in batches, and the endomorphism lambda * (x, y) = (beta * x, y).
#include <QtTest>

#include "engine/secp/endomorphism.h"
#include "engine/secp/field.h"
#include "engine/secp/group.h"
#include "engine/secp/scalar.h"
#include "engine/secp/selftest.h"
#include "engine/secp/ecmult_gen.h"
#include "libsecp_reference.h"

using namespace vanikeys::secp;
using namespace vanikeys::secp::test;

class TestGroup : public QObject {
    Q_OBJECT

    LibSecp lib_;

private Q_SLOTS:
    void initTestCase() { test_seed(); }

    void generatorMatchesLibsecp_data() { add_field_column(); }
    void generatorMatchesLibsecp() {
        QFETCH(int, limbBits);
        Bytes32 one{};
        one[31] = 1;
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            QCOMPARE(qhex(encode(generator<F>())), qhex(encode(lib_, lib_.pubkey(one))));
            QVERIFY(generator<F>().on_curve_var());
            QVERIFY(!Affine<F>::from_xy(curve::generator_x<F>(), curve::generator_y<F>() + F::one()).on_curve_var());
        });
    }

    void additionMatchesLibsecp_data() { add_field_column(); }
    void additionMatchesLibsecp() {
        QFETCH(int, limbBits);
        EdgeRandom rng(21);
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            for (int i = 0; i < 300; ++i) {
                const Bytes32 ka = random_key(rng), kb = random_key(rng);
                const secp256k1_pubkey pa = *lib_.pubkey(ka), pb = *lib_.pubkey(kb);
                const Affine<F> a = lib_.to_affine<F>(pa), b = lib_.to_affine<F>(pb);
                const QByteArray want = qhex(encode(lib_, lib_.combine(pa, pb)));
                const QByteArray inputs = "a=" + qhex(ka) + " b=" + qhex(kb);
                QVERIFY2(qhex(encode(to_affine_var(point_add_var(scaled_jacobian(a, rng), scaled_jacobian(b, rng))))) == want,
                         inputs.constData());
                QVERIFY2(qhex(encode(to_affine_var(point_add_var(scaled_jacobian(a, rng), b)))) == want, inputs.constData());
                const QByteArray want_double = qhex(encode(lib_, lib_.combine(pa, pa)));
                QVERIFY2(qhex(encode(to_affine_var(point_double(scaled_jacobian(a, rng))))) == want_double, inputs.constData());
            }
        });
    }

    // P + P, P + (-P), and infinity on either side, each with independently scaled Z so that
    // the equality tests inside the formulas see different representations of one point.
    void additionSpecialCases_data() { add_field_column(); }
    void additionSpecialCases() {
        QFETCH(int, limbBits);
        EdgeRandom rng(22);
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            const Jacobian<F> inf = Jacobian<F>::at_infinity();
            const Affine<F> ainf = Affine<F>::at_infinity();
            QVERIFY(point_double(inf).infinity);
            QVERIFY(point_add_var(inf, inf).infinity);
            QVERIFY(point_add_var(inf, ainf).infinity);
            QVERIFY(to_affine_var(inf).infinity);
            for (int i = 0; i < 100; ++i) {
                const Bytes32 k = random_key(rng);
                const secp256k1_pubkey pk = *lib_.pubkey(k);
                const Affine<F> p = lib_.to_affine<F>(pk);
                const QByteArray doubled = qhex(encode(lib_, lib_.combine(pk, pk)));
                const QByteArray self = qhex(encode(p));
                const QByteArray key = qhex(k);
                QVERIFY2(qhex(encode(to_affine_var(point_add_var(scaled_jacobian(p, rng), scaled_jacobian(p, rng))))) == doubled, key.constData());
                QVERIFY2(qhex(encode(to_affine_var(point_add_var(scaled_jacobian(p, rng), p)))) == doubled, key.constData());
                QVERIFY2(point_add_var(scaled_jacobian(p, rng), scaled_jacobian(p.negated(), rng)).infinity, key.constData());
                QVERIFY2(point_add_var(scaled_jacobian(p, rng), p.negated()).infinity, key.constData());
                QVERIFY2(qhex(encode(to_affine_var(point_add_var(inf, scaled_jacobian(p, rng))))) == self, key.constData());
                QVERIFY2(qhex(encode(to_affine_var(point_add_var(scaled_jacobian(p, rng), inf)))) == self, key.constData());
                QVERIFY2(qhex(encode(to_affine_var(point_add_var(inf, p)))) == self, key.constData());
                QVERIFY2(qhex(encode(to_affine_var(point_add_var(scaled_jacobian(p, rng), ainf)))) == self, key.constData());
                QCOMPARE(qhex(encode(p.negated())), qhex(encode(lib_, lib_.negate(pk))));
                QCOMPARE(qhex(encode(to_affine_var(scaled_jacobian(p, rng).negated()))), qhex(encode(lib_, lib_.negate(pk))));
                QVERIFY(p == p && p != p.negated() && p != ainf && ainf == Affine<F>::at_infinity());
            }
        });
    }

    void batchToAffineMatchesOneByOne_data() { add_field_column(); }
    void batchToAffineMatchesOneByOne() {
        QFETCH(int, limbBits);
        EdgeRandom rng(23);
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            for (int count : {0, 1, 2, 7, 100}) {
                std::vector<Jacobian<F>> in(count);
                for (int i = 0; i < count; ++i) {
                    // Every third point at infinity (including the first and, for some counts,
                    // the last) to exercise the skipping.
                    if (i % 3 == 0) in[i] = Jacobian<F>::at_infinity();
                    else in[i] = scaled_jacobian(lib_.to_affine<F>(*lib_.pubkey(random_key(rng))), rng);
                }
                std::vector<Affine<F>> out(count);
                std::vector<F> scratch(count);
                QVERIFY(batch_to_affine_var(in.data(), out.data(), count, scratch.data()));
                for (int i = 0; i < count; ++i) QCOMPARE(qhex(encode(out[i])), qhex(encode(to_affine_var(in[i]))));
            }
        });
    }

    // lambda * P computed by scalar multiplication (ours and libsecp256k1's) is (beta x, y).
    void endomorphismMatchesScalarMultiplication_data() { add_field_column(); }
    void endomorphismMatchesScalarMultiplication() {
        QFETCH(int, limbBits);
        EdgeRandom rng(24);
        Bytes32 lambda_bytes, lambda2_bytes;
        Scalar::lambda().to_bytes_be(lambda_bytes.data());
        (Scalar::lambda() * Scalar::lambda()).to_bytes_be(lambda2_bytes.data());
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            const F beta = curve::beta<F>();
            QVERIFY(beta != F::one() && beta.sqr() * beta == F::one());
            for (int i = 0; i < 50; ++i) {
                const Bytes32 k = random_key(rng);
                const secp256k1_pubkey pk = *lib_.pubkey(k);
                const Affine<F> p = lib_.to_affine<F>(pk);
                const QByteArray want = qhex(encode(lib_, lib_.tweak_mul(pk, lambda_bytes)));
                QCOMPARE(qhex(encode(mul_lambda(p))), want);
                QCOMPARE(qhex(encode(Affine<F>::from_xy(mul_beta(p.x), p.y))), want);
                QCOMPARE(qhex(encode(mul_var(p, Scalar::lambda()))), want);
                QCOMPARE(qhex(encode(Affine<F>::from_xy(mul_beta2(p.x), p.y))),
                         qhex(encode(lib_, lib_.tweak_mul(pk, lambda2_bytes))));
            }
            QVERIFY(mul_lambda(Affine<F>::at_infinity()).infinity);
        });
    }

    // The digest the CUDA code compares its kernel's result with: equal for both field types.
    void selftestDigestAgreesAcrossFields() {
        for (std::uint64_t seed : {std::uint64_t{1}, std::uint64_t{2}, std::uint64_t{0xdeadbeef}, test_seed()}) {
            Bytes32 d64, d32;
            selftest_digest(gen_table<Fe64>(), seed, 300, d64.data());
            selftest_digest(gen_table<Fe32>(), seed, 300, d32.data());
            QCOMPARE(qhex(d32), qhex(d64));
        }
        Bytes32 a, b;
        selftest_digest(gen_table<Fe64>(), 1, 300, a.data());
        selftest_digest(gen_table<Fe64>(), 1, 301, b.data());
        QVERIFY(a != b);
    }
};

QTEST_GUILESS_MAIN(TestGroup)
#include "test_group.moc"
