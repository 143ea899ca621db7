// Scalars mod n: parsing with the overflow flag, arithmetic against a bit-serial reference on
// edge and edge-biased random inputs, independently computed vectors, the endomorphism
// constant lambda, and window extraction.
#include <QtTest>

#include "engine/secp/scalar.h"
#include "secp_test_support.h"

using namespace vanikeys::secp;
using namespace vanikeys::secp::test;

namespace {

Bytes32 bytes_of(const Scalar& s) {
    Bytes32 b;
    s.to_bytes_be(b.data());
    return b;
}

std::string check_ops(const Modular& ref, const Bytes32& ab, const Bytes32& bb) {
    bool overflow_a = false, overflow_b = false;
    const Scalar a = Scalar::from_bytes_be(ab.data(), &overflow_a);
    const Scalar b = Scalar::from_bytes_be(bb.data(), &overflow_b);
    const Big ra = ref.canon(ab);
    const Big rb = ref.canon(bb);
    const std::string inputs = " a=" + hex(ab) + " b=" + hex(bb);
    if (overflow_a != (compare(Big::from_bytes(ab), ref.m) >= 0)) return "overflow flag" + inputs;
    const struct {
        const char* name;
        Bytes32 got;
        Big want;
    } cases[] = {
        {"a", bytes_of(a), ra},
        {"a+b", bytes_of(a + b), ref.add(ra, rb)},
        {"a-b", bytes_of(a - b), ref.sub(ra, rb)},
        {"-a", bytes_of(-a), ref.neg(ra)},
        {"a*b", bytes_of(a * b), ref.mul(ra, rb)},
        {"a*a", bytes_of(a * a), ref.mul(ra, ra)},
    };
    for (const auto& c : cases) {
        if (c.got != c.want.to_bytes()) {
            return std::string(c.name) + inputs + " got " + hex(c.got) + " want " + hex(c.want.to_bytes());
        }
    }
    if (a.is_zero() != (compare(ra, Big{}) == 0)) return "is_zero" + inputs;
    if ((a == b) != (compare(ra, rb) == 0)) return "==" + inputs;
    return {};
}

} // namespace

class TestScalar : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { test_seed(); }

    void parseReportsOverflow_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("overflow");
        QTest::addColumn<QByteArray>("reduced");
        QTest::newRow("0") << QByteArray("0000000000000000000000000000000000000000000000000000000000000000") << false
                           << QByteArray("0000000000000000000000000000000000000000000000000000000000000000");
        QTest::newRow("n-1") << QByteArray("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140") << false
                             << QByteArray("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140");
        QTest::newRow("n") << QByteArray("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141") << true
                           << QByteArray("0000000000000000000000000000000000000000000000000000000000000000");
        QTest::newRow("n+1") << QByteArray("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364142") << true
                             << QByteArray("0000000000000000000000000000000000000000000000000000000000000001");
        QTest::newRow("2^256-1") << QByteArray("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff") << true
                                 << QByteArray("000000000000000000000000000000014551231950b75fc4402da1732fc9bebe");
        QTest::newRow("p") << QByteArray("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f") << true
                           << QByteArray("000000000000000000000000000000014551231950b75fc4402da1722fc9baee");
    }
    void parseReportsOverflow() {
        QFETCH(QByteArray, input);
        QFETCH(bool, overflow);
        QFETCH(QByteArray, reduced);
        const Bytes32 in = from_hex(input.constData());
        bool got_overflow = !overflow;
        const Scalar s = Scalar::from_bytes_be(in.data(), &got_overflow);
        QCOMPARE(got_overflow, overflow);
        QCOMPARE(qhex(bytes_of(s)), reduced);
        QCOMPARE(qhex(bytes_of(Scalar::from_bytes_be(in.data()))), reduced); // flag is optional
    }

    void knownVectors() {
        const Scalar gx = Scalar::from_bytes_be(from_hex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798").data());
        // Computed independently (Python integers).
        QCOMPARE(qhex(bytes_of(gx * gx)), QByteArray("8d31d7866c819d2d7d8ec9c3e9124631c0d5c4f5aa5c70e5142fd8a2bcc3fa5f"));
        const Scalar max = Scalar::from_bytes_be(from_hex("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff").data());
        QCOMPARE(qhex(bytes_of(max * max)), QByteArray("9d671cd581c69bc5e697f5e45bcd07c3e972508f6d0e38f00911af2e084453c3"));
        QVERIFY((Scalar::minus_one() + Scalar::one()).is_zero());
        QVERIFY(-Scalar::one() == Scalar::minus_one());
        QVERIFY((-Scalar::zero()).is_zero());
        QVERIFY(Scalar::minus_one() * Scalar::minus_one() == Scalar::one());
        QCOMPARE(qhex(bytes_of(Scalar::from_u64(0xfedcba9876543210ULL))),
                 QByteArray("000000000000000000000000000000000000000000000000fedcba9876543210"));
    }

    void lambdaIsCubeRootOfUnity() {
        const Scalar l = Scalar::lambda();
        QVERIFY(l != Scalar::one());
        QVERIFY(l * l * l == Scalar::one());
        QVERIFY((l * l + l + Scalar::one()).is_zero());
        QCOMPARE(qhex(bytes_of(l * l)), QByteArray("ac9c52b33fa3cf1f5ad9e3fd77ed9ba4a880b9fc8ec739c2e0cfc810b51283ce"));
    }

    void edgeValuesMatchReference() {
        const Modular ref = mod_n();
        for (const Bytes32& a : edge_values()) {
            for (const Bytes32& b : edge_values()) {
                const std::string err = check_ops(ref, a, b);
                QVERIFY2(err.empty(), err.c_str());
            }
        }
    }

    void randomValuesMatchReference() {
        const Modular ref = mod_n();
        EdgeRandom rng(11);
        for (int i = 0; i < 3000; ++i) {
            const std::string err = check_ops(ref, rng.next(), rng.next());
            QVERIFY2(err.empty(), err.c_str());
        }
    }

    void bitsExtractsWindows() {
        EdgeRandom rng(12);
        for (int i = 0; i < 500; ++i) {
            const Bytes32 in = rng.next();
            const Scalar s = Scalar::from_bytes_be(in.data());
            const Big v = Big::from_bytes(bytes_of(s));
            for (int count : {1, 4, 5, 8, 13, 32}) {
                for (int offset = 0; offset + count <= 256; offset += 3) {
                    std::uint32_t want = 0;
                    for (int k = count - 1; k >= 0; --k) want = (want << 1) | (v.bit(offset + k) ? 1 : 0);
                    if (s.bits(offset, count) != want) {
                        QFAIL(("bits(" + std::to_string(offset) + ", " + std::to_string(count) + ") of " + hex(in)).c_str());
                    }
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestScalar)
#include "test_scalar.moc"
